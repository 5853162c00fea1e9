import type { Message } from 'kafkajs'
import type { TransportRecord } from '../transport/producer-transport.js'

/**
 * The kafkajs message for a record, in the shape kafkajs's record encoder is fast with.
 *
 * kafkajs encodes each message as `Record({ ...message, offsetDelta, timestampDelta })`
 * (src/protocol/requests/produce/v3/request.js). On Node 20 (V8 11.3), adding properties to an object
 * right after spreading another into it takes a slow path: ~1.1 µs per record for the two, where the
 * whole record otherwise costs kafkajs a few µs. When the message already has both properties (kafkajs
 * overwrites them), the spread stays on its fast path. Node 22 and 24 are fast either way. Measured:
 * bench/README.md, "The spread in kafkajs's record encoder".
 */
export function toKafkajsMessage(record: TransportRecord): Message {
  const { key, value, partition, headers, timestamp } = record
  // Parts a record does not have stay out: kafkajs copies every property of every message.
  if (headers === undefined && timestamp === undefined)
    return { key, value, partition, offsetDelta: 0, timestampDelta: 0 } as Message
  return { key, value, partition, headers, timestamp, offsetDelta: 0, timestampDelta: 0 } as Message
}
