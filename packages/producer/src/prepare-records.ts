import {
  type AnyTopic,
  type EncodedRecord,
  ErrorCode,
  type KafkaClient,
  KafkakitError,
  type ProduceRecord,
  type TopicCodec,
  type TopicPartitionOffset,
} from '@kafkakit/core'
import type { PartitionAck, ProducerTransport, TransportRecord } from '@kafkakit/core/internal'
import { partitionForKey } from './murmur2.js'
import type { ResolvedProducerOptions } from './producer-options.js'

/** What a producer needs of a topic before it can send to it: its bound codec and its partition count. */
export interface TopicState<T extends AnyTopic> {
  readonly codec: TopicCodec<T>
  readonly partitionCount: number
  /** Set METADATA_MAX_AGE_MS after loading: the partition count is looked up again on the next send. */
  stale: boolean
}

/** How long a topic's partition count is trusted before it is looked up again (Kafka's metadata.max.age.ms). */
const METADATA_MAX_AGE_MS = 300_000

/**
 * The topic's codec and partition count, looked up once and then kept (the partition count is refreshed
 * after METADATA_MAX_AGE_MS), so the per-send path waits on nothing it already knows.
 */
export function topicStates(client: KafkaClient, transport: ProducerTransport) {
  const states = new Map<string, TopicState<AnyTopic>>()
  const loading = new Map<string, Promise<TopicState<AnyTopic>>>()
  return function stateOf<T extends AnyTopic>(topic: T): TopicState<T> | Promise<TopicState<T>> {
    const known = states.get(topic.name)
    if (known && !known.stale && known.codec.topic === topic) return known as TopicState<T>
    let pending = loading.get(topic.name)
    if (!pending) {
      pending = (async () => {
        const [codec, partitionCount] = await Promise.all([
          client.codec(topic),
          transport.partitionCount(topic.name, known !== undefined),
        ])
        const state: TopicState<AnyTopic> = { codec, partitionCount, stale: false }
        // A timer rather than a clock read per send; it does not keep the process alive.
        setTimeout(() => {
          state.stale = true
        }, METADATA_MAX_AGE_MS).unref()
        states.set(topic.name, state)
        return state
      })().finally(() => loading.delete(topic.name))
      loading.set(topic.name, pending)
    }
    return pending as Promise<TopicState<T>>
  }
}

/**
 * Encodes and validates every record of one send, then picks their partitions. Nothing is sent unless
 * all of them pass: the first failure rejects the whole send with an error naming the record's index.
 */
export function prepareRecords<T extends AnyTopic>(
  state: TopicState<T>,
  options: Readonly<ResolvedProducerOptions>,
  input: ProduceRecord<T> | readonly ProduceRecord<T>[],
  sticky: { next: number },
): TransportRecord[] {
  const topic = state.codec.topic
  const records = (Array.isArray(input) ? input : [input]) as readonly ProduceRecord<T>[]
  const { partitionCount } = state
  const keylessPartition = sticky.next++ % partitionCount
  return records.map((input, index) => {
    let record: EncodedRecord
    try {
      record = state.codec.encode(input)
    } catch (error) {
      throw refused(error, index, records.length, topic.name)
    }
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
    // The encoded record is this send's own: it becomes the transport record, not copied into one.
    const sent = record as { -readonly [K in keyof TransportRecord]: TransportRecord[K] }
    sent.partition = partition
    return sent as TransportRecord
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

/** The offset of a send's one record: its partition's base offset ('-1' when not acknowledged). */
export function recordPosition(
  topic: string,
  partition: number,
  acks: readonly PartitionAck[],
): TopicPartitionOffset {
  for (const ack of acks)
    if (ack.partition === partition && ack.topic === topic)
      return { topic, partition, offset: ack.baseOffset }
  return { topic, partition, offset: '-1' }
}

/** Each record's offset: its partition's base offset plus its position among that partition's records. */
export function recordPositions(
  topic: string,
  records: readonly TransportRecord[],
  acks: readonly PartitionAck[],
): TopicPartitionOffset[] {
  if (records.length === 1) return [recordPosition(topic, records[0]!.partition, acks)]
  // Per record: offsets are added as numbers while they stay exact (below 2^53), as BigInt beyond.
  const positions = new Map<number, { readonly base: string; readonly number: number; next: number }>()
  const result = new Array<TopicPartitionOffset>(records.length)
  for (let i = 0; i < records.length; i++) {
    const { partition } = records[i]!
    let at = positions.get(partition)
    if (!at) {
      const base = recordPosition(topic, partition, acks).offset
      at = { base, number: Number(base), next: 0 }
      positions.set(partition, at)
    }
    const position = at.next++
    const offset =
      at.base === '-1'
        ? '-1'
        : at.number + position <= Number.MAX_SAFE_INTEGER
          ? String(at.number + position)
          : String(BigInt(at.base) + BigInt(position))
    result[i] = { topic, partition, offset }
  }
  return result
}
