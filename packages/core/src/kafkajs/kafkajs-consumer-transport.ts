import type { ResolvedConnectionOptions } from '../client/connection-options.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { silentLogger } from '../logging/logger.js'
import type { ConsumerTransport, ConsumerTransportOptions } from '../transport/consumer-transport.js'
import { createKafkajsClient } from './create-kafkajs-client.js'
import { registerAvailableCodecs } from './kafkajs-compression.js'
import { toKafkajsConfig } from './kafkajs-config.js'
import { fromKafkajsError } from './kafkajs-error.js'

const noHeaders = Object.freeze({})

/** A ConsumerTransport on kafkajs: batches per partition, offsets resolved only when marked processed. */
export function createKafkajsConsumerTransport(
  client: ResolvedConnectionOptions,
  options: ConsumerTransportOptions,
): ConsumerTransport {
  registerAvailableCodecs()
  const consumer = createKafkajsClient(toKafkajsConfig(client)).consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    rebalanceTimeout: options.rebalanceTimeoutMs,
    readUncommitted: !options.readCommitted,
    maxWaitTimeInMs: options.fetchMaxWaitMs,
    allowAutoTopicCreation: false,
  })
  let connected: Promise<void> | undefined
  const logger = client.logger ?? silentLogger
  // The partitions this member owns: set on every group join, emptied when a rebalance starts.
  let assignment = new Map<string, Set<number>>()
  // Counts the changes of `assignment`: a batch looks it up again only after one.
  let assignmentVersion = 0
  consumer.on(consumer.events.REBALANCING, () => {
    assignment = new Map()
    assignmentVersion++
  })
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assignment = new Map(
      Object.entries(payload.memberAssignment).map(([topic, partitions]) => [topic, new Set(partitions)]),
    )
    assignmentVersion++
  })
  const owns = (topic: string, partition: number) => assignment.get(topic)?.has(partition) === true
  // kafkajs's isStale() (a seek since the batch was fetched) costs a string per call: asked only after a seek.
  let seeks = 0
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
          eachBatch: async (payload) => {
            const { topic, partition } = payload.batch
            // The last offset marked processed, handed to kafkajs (which parses it into a 64-bit Long)
            // only when it matters: before a commit and when the batch ends.
            let marked: string | undefined
            const flush = () => {
              if (marked !== undefined) payload.resolveOffset(marked)
              marked = undefined
            }
            let committing: Promise<void> | undefined
            // Asked per record: the assignment is looked up only after it changed.
            let ownedAt = -1
            let ownedThen = false
            const owned = () => {
              if (seeks !== 0 && payload.isStale()) return false
              if (ownedAt !== assignmentVersion) {
                ownedAt = assignmentVersion
                ownedThen = owns(topic, partition)
              }
              return ownedThen
            }
            try {
              await eachBatch({
                topic,
                partition,
                records: payload.batch.messages.map((m) => ({
                  topic,
                  partition,
                  offset: m.offset,
                  key: m.key,
                  value: m.value,
                  headers: m.headers ?? noHeaders,
                  timestamp: m.timestamp,
                })),
                isActive: () => payload.isRunning() && owned(),
                isOwned: owned,
                heartbeat: () => payload.heartbeat(),
                markProcessed: (offset) => {
                  marked = offset
                },
                commitIfDue: () => {
                  if (committing) return
                  flush()
                  committing = payload
                    .commitOffsetsIfNecessary()
                    .catch((error) =>
                      logger.warn({ error: (error as Error).message, topic, partition }, 'commit failed'),
                    )
                    .finally(() => {
                      committing = undefined
                    })
                },
                commit: async (offset) => {
                  // Not ours any more (a rebalance started, or gave the partition to another member): a
                  // commit would move another owner's position, or fail on a stale generation.
                  if (!owned()) {
                    throw new KafkakitError(
                      ErrorCode.REBALANCE,
                      `commit offsets failed: this member no longer owns ${topic} partition ${partition} (the group rebalanced); the record is delivered again to the partition's owner`,
                      { retriable: true, details: { topic, partition } },
                    )
                  }
                  flush()
                  await call('commit offsets', () =>
                    payload.commitOffsetsIfNecessary({
                      topics: [{ topic, partitions: [{ partition, offset: String(BigInt(offset) + 1n) }] }],
                    }),
                  )
                },
              })
            } finally {
              if (owned()) flush()
              await committing
            }
          },
        }),
      ),
    pause: (topic, partition) => consumer.pause([{ topic, partitions: [partition] }]),
    resume: (topic, partition) => consumer.resume([{ topic, partitions: [partition] }]),
    seek: (topic, partition, offset) => {
      seeks++
      consumer.seek({ topic, partition, offset })
    },
    onGroupJoin: (listener) => {
      consumer.on(consumer.events.GROUP_JOIN, () => listener())
    },
    stop: () => call(`stop consumer group ${options.groupId}`, () => consumer.stop()),
    async disconnect() {
      // A connection still being made is disconnected once made (kafkajs cannot cancel one).
      await connected?.catch(() => undefined)
      await call(`disconnect consumer group ${options.groupId}`, () => consumer.disconnect())
    },
  }
}
