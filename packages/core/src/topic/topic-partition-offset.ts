import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

/**
 * A position in a topic partition, the one shape kafkakit uses for it: where a produced record landed
 * (`send()`), a record's position to commit (`sendOffsets()`), a group's committed offset or a log end
 * (the admin). The offset is a decimal string (Kafka offsets are 64-bit); what it points at is said where
 * it is used: the record itself, or the next record to read.
 */
export interface TopicPartitionOffset {
  readonly topic: string
  readonly partition: number
  readonly offset: string
}

/**
 * The position to commit once `record` is processed: its topic and partition, its offset + 1 (Kafka
 * commits the next offset to read). Takes any record with a position, e.g. a consumed message. A message
 * that @kafkakit/consumer redelivered from a retry topic carries its original topic, partition and offset,
 * so its positionAfter() is a position in the original topic, not in the retry topic it was read from:
 * the exactly-once consumer commits what it read itself; commit such positions yourself only for records
 * of the topics you consume directly.
 *
 * ```ts
 * await tx.sendOffsets({ groupId, offsets: [positionAfter(message)] })
 * ```
 */
export function positionAfter(record: TopicPartitionOffset): TopicPartitionOffset {
  if (typeof record.offset !== 'string' || !/^\d+$/.test(record.offset)) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `positionAfter(): offset must be a record's offset as a decimal string, e.g. '41' (got ${String(record.offset)})`,
    )
  }
  return { topic: record.topic, partition: record.partition, offset: String(BigInt(record.offset) + 1n) }
}
