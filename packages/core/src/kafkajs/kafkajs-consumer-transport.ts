import kafkajs from 'kafkajs'
import type { ResolvedClientOptions } from '../client/client-options.js'
import type { ConsumerTransport, ConsumerTransportOptions } from '../transport/consumer-transport.js'
import { registerAvailableCodecs } from './kafkajs-compression.js'
import { toKafkajsConfig } from './kafkajs-config.js'
import { fromKafkajsError } from './kafkajs-error.js'

// kafkajs is CommonJS: Node's ESM loader cannot see these as named exports.
const { Kafka } = kafkajs

/** A ConsumerTransport on kafkajs: batches per partition, offsets resolved only when marked processed. */
export function createKafkajsConsumerTransport(
  client: ResolvedClientOptions,
  options: ConsumerTransportOptions,
): ConsumerTransport {
  registerAvailableCodecs()
  const consumer = new Kafka(toKafkajsConfig(client)).consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    rebalanceTimeout: options.rebalanceTimeoutMs,
    readUncommitted: !options.readCommitted,
    maxWaitTimeInMs: options.fetchMaxWaitMs,
    allowAutoTopicCreation: false,
  })
  let connected: Promise<void> | undefined
  // The partitions this member owns: set on every group join, emptied when a rebalance starts.
  let assignment = new Map<string, Set<number>>()
  consumer.on(consumer.events.REBALANCING, () => {
    assignment = new Map()
  })
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assignment = new Map(
      Object.entries(payload.memberAssignment).map(([topic, partitions]) => [topic, new Set(partitions)]),
    )
  })
  const owns = (topic: string, partition: number) => assignment.get(topic)?.has(partition) === true
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      throw fromKafkajsError(error, operation)
    }
  }
  return {
    async subscribe(topics, fromBeginning) {
      connected ??= call(`connect consumer group ${options.groupId}`, () => consumer.connect())
      await connected
      await call(`subscribe to ${topics.join(', ')}`, () =>
        consumer.subscribe({ topics: [...topics], fromBeginning }),
      )
    },
    run: ({ concurrency, eachBatch }) =>
      call(`run consumer group ${options.groupId}`, () =>
        consumer.run({
          partitionsConsumedConcurrently: concurrency,
          eachBatchAutoResolve: false,
          // kafkajs commits only resolved offsets (those marked processed): at the end of every batch,
          // every autoCommitIntervalMs, and when the consumer stops or loses partitions.
          autoCommit: options.autoCommit,
          autoCommitInterval: options.autoCommitIntervalMs ?? null,
          autoCommitThreshold: options.autoCommitEveryRecords ?? null,
          eachBatch: (payload) =>
            eachBatch({
              topic: payload.batch.topic,
              partition: payload.batch.partition,
              records: payload.batch.messages.map((m) => ({
                topic: payload.batch.topic,
                partition: payload.batch.partition,
                offset: m.offset,
                key: m.key,
                value: m.value,
                headers: m.headers ?? {},
                timestamp: m.timestamp,
              })),
              isActive: () =>
                payload.isRunning() &&
                !payload.isStale() &&
                owns(payload.batch.topic, payload.batch.partition),
              isOwned: () => !payload.isStale() && owns(payload.batch.topic, payload.batch.partition),
              heartbeat: () => payload.heartbeat(),
              markProcessed: (offset) => payload.resolveOffset(offset),
              commitIfDue: () => call('commit offsets', () => payload.commitOffsetsIfNecessary()),
              commit: (offset) =>
                call('commit offsets', () =>
                  payload.commitOffsetsIfNecessary({
                    topics: [
                      {
                        topic: payload.batch.topic,
                        partitions: [
                          { partition: payload.batch.partition, offset: String(BigInt(offset) + 1n) },
                        ],
                      },
                    ],
                  }),
                ),
            }),
        }),
      ),
    pause: (topic, partition) => consumer.pause([{ topic, partitions: [partition] }]),
    resume: (topic, partition) => consumer.resume([{ topic, partitions: [partition] }]),
    seek: (topic, partition, offset) => consumer.seek({ topic, partition, offset }),
    onGroupJoin: (listener) => {
      consumer.on(consumer.events.GROUP_JOIN, () => listener())
    },
    stop: () => call(`stop consumer group ${options.groupId}`, () => consumer.stop()),
    disconnect: () => call(`disconnect consumer group ${options.groupId}`, () => consumer.disconnect()),
  }
}
