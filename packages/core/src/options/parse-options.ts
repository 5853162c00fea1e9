import type { z } from 'zod'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

/**
 * Validates `input` against a strict zod schema and returns a frozen copy with defaults applied.
 * The caller's object is never mutated. Any problem becomes one KAFKAKIT_CONFIG error that names
 * every offending field, e.g. `startKafka options: nodes: expected 1 or 3`.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): Readonly<z.output<S>> {
  const result = schema.safeParse(input ?? {})
  if (!result.success) {
    // An unknown key is an issue of the object holding it; it is named as the field itself.
    const issues = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown option' }))
        : [{ path: issue.path, message: issue.message }],
    )
    const fieldOf = (path: readonly PropertyKey[]) => path.map(String).join('.')
    const problems = issues.map(({ path, message }) => `${fieldOf(path) || '(options)'}: ${message}`)
    throw new KafkakitError(ErrorCode.CONFIG, `Invalid ${what}: ${problems.join('; ')}`, {
      details: { fields: issues.map(({ path }) => fieldOf(path)) },
    })
  }
  return Object.freeze(result.data)
}
