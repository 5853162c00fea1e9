import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { Serde } from './serde.js'
import { decodeUtf8 } from './utf8.js'

/** UTF-8 strings. Decoding rejects invalid UTF-8 with a typed error. */
export function string(): Serde<string> {
  return {
    kind: 'string',
    bind: (context) => {
      const what = context.header ? `header ${context.header}` : context.role
      return {
        serialize(value) {
          if (typeof value !== 'string') {
            throw new KafkakitError(
              ErrorCode.VALIDATION,
              `Invalid ${what}: expected a string, got ${typeName(value)}`,
            )
          }
          return Buffer.from(value, 'utf8')
        },
        deserialize: (data) => decodeUtf8(data, what),
      }
    },
  }
}

export function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Buffer.isBuffer(value)) return 'a Buffer'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
