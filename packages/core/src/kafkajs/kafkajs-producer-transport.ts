import kafkajs, { type ICustomPartitioner, type Producer as KafkajsProducer } from 'kafkajs'
import type { ResolvedConnectionOptions } from '../client/connection-options.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { abortedError } from '../lifecycle/abortable.js'
import { SharedAttempt } from '../lifecycle/shared-attempt.js'
import { silentLogger } from '../logging/logger.js'
import type {
  PartitionAck,
  ProducerTransport,
  ProducerTransportOptions,
  TopicRecords,
  TransportTransaction,
} from '../transport/producer-transport.js'
import { createKafkajsClient } from './create-kafkajs-client.js'
import { registerCompressionCodecs } from './kafkajs-compression.js'
import { toKafkajsConfig } from './kafkajs-config.js'
import { fromKafkajsError } from './kafkajs-error.js'
import { sendAcknowledged } from './send-acknowledged.js'
import { SerialSender } from './serial-sender.js'

// kafkajs is CommonJS: Node's ESM loader cannot see these as named exports.
const { CompressionTypes } = kafkajs

/**
 * kafkakit picks every record's partition before it reaches kafkajs (Java-compatible murmur2 on keys), so
 * kafkajs's partitioner only reads it back. kafkajs calls its partitioner once per record, and its default
 * one filters the topic's partition list into a new array on each call before it looks at the partition.
 */
const recordPartition: ICustomPartitioner =
  () =>
  ({ message }) =>
    message.partition!

/** Broker answers after which an idempotent producer's sequence state is lost for good. */
const sequenceErrors = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
])

/**
 * A sequence error of an idempotent (not transactional) producer is no fencing: the transport
 * re-initialises the producer id (below), and the same records can be sent again. The send that saw it
 * fails retriable, so callers that retry do the right thing.
 */
export function sendAgainAfterReset(error: unknown): never {
  if (!KafkakitError.is(error) || !sequenceErrors.has(String(error.details.kafkaError))) throw error
  throw new KafkakitError(
    ErrorCode.KAFKA,
    `${error.message} (the idempotent producer is re-initialised: send the records again)`,
    { cause: error, retriable: true, details: error.details },
  )
}

const compressionTypes = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
} as const

/** A ProducerTransport on kafkajs. */
export function createKafkajsProducerTransport(
  client: ResolvedConnectionOptions,
  options: ProducerTransportOptions,
): ProducerTransport {
  if (options.idempotent && client.retry.retries === 0) {
    // kafkajs refuses this itself, with an error of its own, when the producer is made.
    throw new KafkakitError(
      ErrorCode.CONFIG,
      'An idempotent or transactional producer needs retries: the client option retry.retries is 0 (set it to 1 or more, or create the producer with idempotent: false)',
      { details: { fields: ['retry.retries'] } },
    )
  }
  if (options.compression !== 'none') registerCompressionCodecs(options.compression)
  const kafka = createKafkajsClient(toKafkajsConfig(client))
  const logger = client.logger ?? silentLogger
  const compression = compressionTypes[options.compression]
  let producer = makeProducer()
  // The current producer's connection attempt (kept once it succeeded; a new one after a reset).
  let attempt: SharedAttempt<void> | undefined
  // Set once the current producer connected: the per-send path then awaits nothing for it.
  let producerReady = false
  // Producers being disconnected once their connection attempt settles (kafkajs cannot cancel one).
  const teardowns = new Set<Promise<void>>()
  let stopped = false
  const admin = kafka.admin({ retry: { retries: 2, initialRetryTime: 100 } })
  let adminConnected: Promise<void> | undefined
  const partitionCounts = new Map<string, Promise<number>>()
  const sender = new SerialSender(
    (batches) => (producerReady ? sendBatches(batches) : connectProducer().then(() => sendBatches(batches))),
    async (error) => {
      // The broker no longer accepts this producer id's sequence: only a new producer id recovers.
      if (
        !options.transactionalId &&
        KafkakitError.is(error) &&
        sequenceErrors.has(String(error.details.kafkaError))
      ) {
        logger.warn({ kafkaError: error.details.kafkaError }, 're-initialising the idempotent producer')
        await reset()
      }
    },
    logger,
    options.lingering,
  )

  function sendBatches(batches: readonly TopicRecords[]): Promise<PartitionAck[]> {
    const sent = sendAcknowledged(
      logger,
      options.acks,
      (topicMessages) =>
        producer.sendBatch({ topicMessages, acks: options.acks, timeout: options.ackTimeoutMs, compression }),
      batches,
    )
    return options.transactionalId ? sent : sent.catch(sendAgainAfterReset)
  }

  function stoppedError(): KafkakitError {
    return new KafkakitError(ErrorCode.STOPPED, 'The producer was stopped; create a new one to send again')
  }

  function makeProducer(): KafkajsProducer {
    return kafka.producer({
      idempotent: options.idempotent,
      createPartitioner: recordPartition,
      allowAutoTopicCreation: false,
      ...(options.transactionalId
        ? {
            transactionalId: options.transactionalId,
            transactionTimeout: options.transactionTimeoutMs ?? 60_000,
          }
        : {}),
    })
  }

  async function connectAdmin(): Promise<void> {
    if (stopped) throw stoppedError()
    adminConnected ??= admin.connect().catch((error) => {
      adminConnected = undefined
      throw error
    })
    await adminConnected
  }

  return {
    connect: (connectOptions = {}) => connectProducer(connectOptions.signal),
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
    send: (batches) => sender.send(batches),
    async transaction(transactionOptions = {}): Promise<TransportTransaction> {
      let transaction: Awaited<ReturnType<KafkajsProducer['transaction']>>
      await connectProducer(transactionOptions.signal)
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
      const transactionSender = new SerialSender(
        (batches) =>
          sendAcknowledged(
            logger,
            -1,
            (topicMessages) =>
              transaction.sendBatch({ topicMessages, acks: -1, timeout: options.ackTimeoutMs, compression }),
            batches,
          ),
        async () => {},
        logger,
      )
      return {
        send: (batches) => transactionSender.send(batches),
        sendOffsets: (groupId, offsets, group) => {
          if (group) {
            return Promise.reject(
              new KafkakitError(
                ErrorCode.UNSUPPORTED,
                "kafkajs cannot send a consumer's group metadata with transactional offsets (KIP-447): use one transactional producer per input partition",
              ),
            )
          }
          return call(`send offsets of group ${groupId} to the transaction`, () =>
            transaction.sendOffsets({
              consumerGroupId: groupId,
              topics: groupByTopic(offsets).map(([topic, partitions]) => ({
                topic,
                partitions: partitions.map((o) => ({ partition: o.partition, offset: o.offset })),
              })),
            }),
          )
        },
        commit: () => call('commit the transaction', () => transaction.commit()),
        abort: () => call('abort the transaction', () => transaction.abort()),
      }
    },
    reset,
    async disconnect() {
      stopped = true
      tearDown(producer, attempt?.promise)
      attempt = undefined
      producerReady = false
      const adminDone = adminConnected?.then(() => admin.disconnect())
      await Promise.allSettled([...teardowns, adminDone])
    },
  }

  /**
   * Connects the current kafkajs producer once for all callers; after a reset, the new one on its first
   * use. When every caller waiting for an attempt aborted, that producer is replaced and disconnected.
   */
  function connectProducer(signal?: AbortSignal): Promise<void> {
    if (producerReady) return Promise.resolve()
    if (stopped) return Promise.reject(stoppedError())
    if (signal?.aborted) return Promise.reject(abortedError('Connecting the producer', signal))
    if (!attempt || attempt.abandoned) {
      const connecting = producer
      const current: SharedAttempt<void> = new SharedAttempt(
        connecting.connect().then(
          () => {
            if (producer === connecting) producerReady = true
          },
          (error) => {
            if (attempt === current) attempt = undefined
            throw fromKafkajsError(error, 'connect the producer')
          },
        ),
        () => {
          if (attempt === current) attempt = undefined
          if (producer === connecting) {
            producer = makeProducer()
            producerReady = false
          }
          tearDown(connecting, current.promise)
        },
      )
      attempt = current
    }
    return attempt.join(signal, 'Connecting the producer')
  }

  /** Disconnects `old` once its connection attempt (if any) settled; disconnect() waits for it. */
  function tearDown(old: KafkajsProducer, connecting: Promise<void> | undefined): Promise<void> {
    const done = (connecting ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => old.disconnect())
      .catch(() => undefined)
    teardowns.add(done)
    void done.then(() => teardowns.delete(done))
    return done
  }

  async function reset(): Promise<void> {
    const old = producer
    const connecting = attempt?.promise
    producer = makeProducer()
    attempt = undefined
    producerReady = false
    await tearDown(old, connecting)
  }
}

function groupByTopic<T extends { topic: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(item.topic, [...(groups.get(item.topic) ?? []), item])
  return [...groups]
}
