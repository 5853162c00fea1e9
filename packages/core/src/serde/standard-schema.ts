import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

/** The Standard Schema interface (standardschema.dev), implemented by zod 4, valibot, arktype and others. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
  }
}

type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> }

interface StandardIssue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

/** What a schema accepts. */
export type InferInput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['input']
/** What a schema gives back after validation (defaults and transforms applied). */
export type InferOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output']

/**
 * Validates synchronously with a Standard Schema and returns its output. A failure is a
 * KAFKAKIT_VALIDATION error naming each failing path and rule, e.g. `event_type: Invalid option`.
 * The value itself is never put in the message.
 */
export function validateSync<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
  what: string,
): Output {
  const result = schema['~standard'].validate(value)
  if (result instanceof Promise) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `The schema for ${what} validates asynchronously; kafkakit needs a synchronous schema (no async refinements)`,
    )
  }
  if (result.issues) {
    const problems = result.issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}${issue.message}`)
    const more = result.issues.length > 5 ? ` (+${result.issues.length - 5} more)` : ''
    throw new KafkakitError(ErrorCode.VALIDATION, `Invalid ${what}: ${problems.join('; ')}${more}`, {
      details: {
        issues: result.issues.map((issue) => ({
          path: formatPath(issue.path).slice(0, -2),
          message: issue.message,
        })),
      },
    })
  }
  return result.value
}

function formatPath(path: StandardIssue['path']): string {
  if (!path || path.length === 0) return ''
  return `${path.map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.')}: `
}
