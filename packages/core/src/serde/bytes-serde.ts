import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { Serde } from './serde.js'
import { typeName } from './string-serde.js'

/** Raw bytes, passed through unchanged. */
export function bytes(): Serde<Buffer | Uint8Array, Buffer> {
  return {
    kind: 'bytes',
    bind: (context) => ({
      serialize(value) {
        if (Buffer.isBuffer(value)) return value
        if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
        throw new KafkakitError(
          ErrorCode.VALIDATION,
          `Invalid ${context.header ? `header ${context.header}` : context.role}: expected a Buffer or Uint8Array, got ${typeName(value)}`,
        )
      },
      deserialize: (data) => data,
    }),
  }
}
