import { type AnyTopic, ErrorCode, type KafkaClient, KafkakitError, type ProduceRecord } from '@kafkakit/core'
import type { PartitionAck, ProducerTransport, TransportRecord } from '@kafkakit/core/internal'
import { partitionForKey } from './murmur2.js'
import type { ResolvedProducerOptions } from './producer-options.js'
import type { RecordMetadata } from './record-metadata.js'

/**
 * Encodes and validates every record of one send, then picks their partitions. Nothing is sent unless
 * all of them pass: the first failure rejects the whole send with an error naming the record's index.
 */
export async function prepareRecords<T extends AnyTopic>(
  client: KafkaClient,
  transport: ProducerTransport,
  options: Readonly<ResolvedProducerOptions>,
  topic: T,
  input: ProduceRecord<T> | readonly ProduceRecord<T>[],
  sticky: { next: number },
): Promise<TransportRecord[]> {
  const records = (Array.isArray(input) ? input : [input]) as readonly ProduceRecord<T>[]
  const codec = await client.codec(topic)
  const encoded = records.map((record, index) => {
    try {
      return codec.encode(record)
    } catch (error) {
      throw refused(error, index, records.length, topic.name)
    }
  })
  const partitionCount = await transport.partitionCount(topic.name)
  const keylessPartition = sticky.next++ % partitionCount
  return encoded.map((record, index) => {
    let partition = record.partition
    if (partition === undefined) {
      partition =
        options.partitioner === 'murmur2'
          ? record.key === null
            ? keylessPartition
            : partitionForKey(record.key, partitionCount)
          : options.partitioner({ topic: topic.name, key: record.key, partitionCount })
    }
    if (!Number.isInteger(partition) || partition < 0 || partition >= partitionCount) {
      throw refused(
        new KafkakitError(
          ErrorCode.VALIDATION,
          `partition ${partition} does not exist (topic ${topic.name} has ${partitionCount})`,
        ),
        index,
        records.length,
        topic.name,
      )
    }
    return record.timestamp === undefined
      ? { key: record.key, value: record.value, headers: record.headers, partition }
      : {
          key: record.key,
          value: record.value,
          headers: record.headers,
          partition,
          timestamp: record.timestamp,
        }
  })
}

function refused(error: unknown, index: number, count: number, topic: string): KafkakitError {
  const cause = KafkakitError.is(error) ? error : undefined
  return new KafkakitError(
    cause?.code ?? ErrorCode.SERIALIZATION,
    `Nothing was sent to ${topic}: record ${index} of ${count} was refused: ${(error as Error).message}`,
    { cause: error, details: { ...cause?.details, index } },
  )
}

/** Each record's offset: its partition's base offset plus its position among that partition's records. */
export function recordMetadata(
  topic: string,
  records: readonly TransportRecord[],
  acks: readonly PartitionAck[],
): RecordMetadata[] {
  const base = new Map<number, bigint | undefined>()
  for (const ack of acks)
    if (ack.topic === topic)
      base.set(ack.partition, ack.baseOffset === '-1' ? undefined : BigInt(ack.baseOffset))
  const seen = new Map<number, number>()
  return records.map((record) => {
    const position = seen.get(record.partition) ?? 0
    seen.set(record.partition, position + 1)
    const first = base.get(record.partition)
    return {
      topic,
      partition: record.partition,
      offset: first === undefined ? '-1' : String(first + BigInt(position)),
    }
  })
}
