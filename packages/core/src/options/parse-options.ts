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
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(options)'
      const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` ${issue.keys.join(', ')}` : ''
      return `${field}: ${issue.message}${keys}`
    })
    throw new KafkakitError(ErrorCode.CONFIG, `Invalid ${what}: ${problems.join('; ')}`, {
      details: { fields: result.error.issues.map((issue) => issue.path.join('.')) },
    })
  }
  return Object.freeze(result.data)
}
