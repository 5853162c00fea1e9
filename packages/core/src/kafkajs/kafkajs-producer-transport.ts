import {
  CompressionTypes,
  Kafka,
  type Producer as KafkajsProducer,
  type Message,
  Partitioners,
  type RecordMetadata,
  type TopicMessages,
} from 'kafkajs'
import type { ResolvedClientOptions } from '../client/client-options.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { silentLogger } from '../logging/logger.js'
import type {
  PartitionAck,
  ProducerTransport,
  ProducerTransportOptions,
  TopicRecords,
  TransportTransaction,
} from '../transport/producer-transport.js'
import { registerCompressionCodecs } from './kafkajs-compression.js'
import { toKafkajsConfig } from './kafkajs-config.js'
import { fromKafkajsError } from './kafkajs-error.js'

const compressionTypes = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
} as const

/** How often a send is repeated for partitions kafkajs resolved without acknowledging (see sendAcknowledged). */
const MAX_RESENDS = 10

/** A ProducerTransport on kafkajs. */
export function createKafkajsProducerTransport(
  client: ResolvedClientOptions,
  options: ProducerTransportOptions,
): ProducerTransport {
  if (options.compression !== 'none') registerCompressionCodecs(options.compression)
  const kafka = new Kafka(toKafkajsConfig(client))
  const logger = client.logger ?? silentLogger
  const compression = compressionTypes[options.compression]
  let producer = makeProducer()
  const admin = kafka.admin({ retry: { retries: 2, initialRetryTime: 100 } })
  let adminConnected: Promise<void> | undefined
  const partitionCounts = new Map<string, Promise<number>>()

  function makeProducer(): KafkajsProducer {
    return kafka.producer({
      idempotent: options.idempotent,
      createPartitioner: Partitioners.DefaultPartitioner, // honours the partitions kafkakit sets
      allowAutoTopicCreation: false,
      ...(options.idempotent ? { maxInFlightRequests: 5 } : {}),
      ...(options.transactionalId
        ? {
            transactionalId: options.transactionalId,
            transactionTimeout: options.transactionTimeoutMs ?? 60_000,
          }
        : {}),
    })
  }

  /**
   * kafkajs's retry (src/producer/sendMessages.js) resends only to brokers that have not answered yet. When
   * a failed leader's partitions move to a broker that already answered, the retry sends nothing for them
   * and the send resolves although those records were never written (kafkajs#1303). Every partition that
   * went in must come back acknowledged; the missing ones are sent again (the idempotent producer reuses
   * their sequence numbers, so a batch that did land is not written twice).
   */
  async function sendAcknowledged(
    send: (topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>,
    batches: readonly TopicRecords[],
  ): Promise<PartitionAck[]> {
    const acks: PartitionAck[] = []
    let pending = batches.filter((b) => b.records.length > 0)
    for (let attempt = 0; pending.length > 0; attempt++) {
      const topics = pending.map((b) => b.topic).join(', ')
      if (attempt > MAX_RESENDS) {
        throw new KafkakitError(
          ErrorCode.KAFKA,
          `send to ${topics}: partitions stayed unacknowledged after ${MAX_RESENDS} resends`,
          {
            retriable: true,
          },
        )
      }
      let answers: RecordMetadata[]
      try {
        answers = await send(
          pending.map((b) => ({ topic: b.topic, messages: b.records as unknown as Message[] })),
        )
      } catch (error) {
        throw fromKafkajsError(error, `send to ${topics}`)
      }
      if (options.acks === 0) return unacknowledged(pending)
      const answered = new Set<string>()
      for (const answer of answers) {
        answered.add(`${answer.topicName}\0${answer.partition}`)
        acks.push({
          topic: answer.topicName,
          partition: answer.partition,
          baseOffset: answer.baseOffset ?? '-1',
        })
      }
      const missing = pending
        .map((b) => ({
          topic: b.topic,
          records: b.records.filter((r) => !answered.has(`${b.topic}\0${r.partition}`)),
        }))
        .filter((b) => b.records.length > 0)
      if (missing.length > 0) {
        logger.warn(
          {
            partitions: missing.flatMap((b) => [
              ...new Set(b.records.map((r) => `${b.topic}-${r.partition}`)),
            ]),
          },
          'kafkajs resolved a send without acknowledging every partition (kafkajs#1303); sending those records again',
        )
      }
      pending = missing
    }
    return acks
  }

  async function connectAdmin(): Promise<void> {
    adminConnected ??= admin.connect().catch((error) => {
      adminConnected = undefined
      throw error
    })
    await adminConnected
  }

  return {
    async connect() {
      try {
        await producer.connect()
      } catch (error) {
        throw fromKafkajsError(error, 'connect the producer')
      }
    },
    partitionCount(topic, refresh = false) {
      let count = refresh ? undefined : partitionCounts.get(topic)
      if (!count) {
        count = (async () => {
          try {
            await connectAdmin()
            const { topics } = await admin.fetchTopicMetadata({ topics: [topic] })
            const found = topics.find((t) => t.name === topic)
            if (!found || found.partitions.length === 0)
              throw Object.assign(new Error('no partitions'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' })
            return found.partitions.length
          } catch (error) {
            throw fromKafkajsError(error, `look up topic ${topic}`)
          }
        })()
        partitionCounts.set(topic, count)
        count.catch(() => partitionCounts.delete(topic))
      }
      return count
    },
    send: (batches) =>
      sendAcknowledged(
        (topicMessages) =>
          producer.sendBatch({
            topicMessages,
            acks: options.acks,
            timeout: options.ackTimeoutMs,
            compression,
          }),
        batches,
      ),
    async transaction(): Promise<TransportTransaction> {
      let transaction: Awaited<ReturnType<KafkajsProducer['transaction']>>
      try {
        transaction = await producer.transaction()
      } catch (error) {
        throw fromKafkajsError(error, 'begin a transaction')
      }
      const call = async (operation: string, run: () => Promise<unknown>) => {
        try {
          await run()
        } catch (error) {
          throw fromKafkajsError(error, operation)
        }
      }
      return {
        send: (batches) =>
          sendAcknowledged(
            (topicMessages) =>
              transaction.sendBatch({ topicMessages, acks: -1, timeout: options.ackTimeoutMs, compression }),
            batches,
          ),
        sendOffsets: (groupId, offsets) =>
          call(`send offsets of group ${groupId} to the transaction`, () =>
            transaction.sendOffsets({
              consumerGroupId: groupId,
              topics: groupByTopic(offsets).map(([topic, partitions]) => ({
                topic,
                partitions: partitions.map((o) => ({ partition: o.partition, offset: o.offset })),
              })),
            }),
          ),
        commit: () => call('commit the transaction', () => transaction.commit()),
        abort: () => call('abort the transaction', () => transaction.abort()),
      }
    },
    async reset() {
      const old = producer
      producer = makeProducer()
      await old.disconnect().catch(() => undefined)
      try {
        await producer.connect()
      } catch (error) {
        throw fromKafkajsError(error, 'reconnect the producer')
      }
    },
    async disconnect() {
      await Promise.allSettled([producer.disconnect(), adminConnected ? admin.disconnect() : undefined])
    },
  }
}

function unacknowledged(batches: readonly TopicRecords[]): PartitionAck[] {
  return batches.flatMap((b) =>
    [...new Set(b.records.map((r) => r.partition))].map((partition) => ({
      topic: b.topic,
      partition,
      baseOffset: '-1',
    })),
  )
}

function groupByTopic<T extends { topic: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(item.topic, [...(groups.get(item.topic) ?? []), item])
  return [...groups]
}
