import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { Serde } from './serde.js'
import { type InferInput, type InferOutput, type StandardSchemaV1, validateSync } from './standard-schema.js'
import { decodeUtf8 } from './utf8.js'

/**
 * JSON validated by a Standard Schema (zod 4, valibot, arktype...) in both directions: a producer cannot
 * send what the schema rejects, and a consumer never sees it.
 */
export function json<S extends StandardSchemaV1>(schema: S): Serde<InferInput<S>, InferOutput<S>> {
  return {
    kind: 'json',
    bind: (context) => {
      const what = context.header ? `header ${context.header}` : context.role
      return {
        serialize: (value) => encodeJson(validateSync(schema, value, what), what),
        deserialize: (data) =>
          validateSync(schema, parseJson(decodeUtf8(data, what), what), what) as InferOutput<S>,
      }
    },
  }
}

export function encodeJson(value: unknown, what: string): Buffer {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch (error) {
    // JSON.stringify fails on cycles and BigInt; its message names types, not payload.
    throw new KafkakitError(
      ErrorCode.SERIALIZATION,
      `Cannot encode ${what} as JSON: ${(error as Error).message}`,
    )
  }
  if (text === undefined)
    throw new KafkakitError(ErrorCode.SERIALIZATION, `Cannot encode ${what} as JSON: no JSON value`)
  return Buffer.from(text, 'utf8')
}

/** JSON.parse with a typed error that gives the position but, unlike JSON.parse's own, no payload text. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1]
    throw new KafkakitError(
      ErrorCode.DESERIALIZATION,
      `Invalid ${what}: not valid JSON${position ? ` (at position ${position})` : ''}`,
      { details: { length: text.length } },
    )
  }
}
