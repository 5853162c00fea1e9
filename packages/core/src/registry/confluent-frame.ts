import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

/**
 * Checks the Confluent wire format (magic byte 0, a 4-byte big-endian schema id, then the payload from
 * byte 5) and returns the schema id.
 */
export function readFrameId(data: Buffer, what: string): number {
  if (data.length < 5) {
    throw new KafkakitError(
      ErrorCode.DESERIALIZATION,
      `Invalid ${what}: ${data.length} bytes is too short for the schema registry wire format (5 bytes at least)`,
      { details: { length: data.length } },
    )
  }
  if (data[0] !== 0) {
    throw new KafkakitError(
      ErrorCode.DESERIALIZATION,
      `Invalid ${what}: magic byte ${data[0]} where the schema registry wire format has 0 (was it written without the registry?)`,
      { details: { magicByte: data[0] } },
    )
  }
  return data.readInt32BE(1)
}

/** `[0, id, ...payload]` for a payload that is already bytes. */
export function writeFrame(id: number, payload: string): Buffer {
  const length = Buffer.byteLength(payload, 'utf8')
  const framed = Buffer.allocUnsafe(5 + length)
  framed[0] = 0
  framed.writeInt32BE(id, 1)
  framed.write(payload, 5, 'utf8')
  return framed
}
