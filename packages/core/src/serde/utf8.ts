import { isUtf8 } from 'node:buffer'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

/** Decodes UTF-8 strictly: invalid bytes are a KAFKAKIT_DESERIALIZATION error, never U+FFFD. */
export function decodeUtf8(data: Buffer, what: string): string {
  if (!isUtf8(data)) {
    throw new KafkakitError(ErrorCode.DESERIALIZATION, `Invalid ${what}: the bytes are not valid UTF-8`, {
      details: { length: data.length },
    })
  }
  return data.toString('utf8')
}
