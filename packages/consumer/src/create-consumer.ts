import { setTimeout as sleep } from 'node:timers/promises'
import { type AnyTopic, ErrorCode, type KafkaClient, KafkakitError, type TopicCodec } from '@kafkakit/core'
import {
  clientInternals,
  createKafkajsConsumerTransport,
  createKafkajsProducerTransport,
  type IncomingRecord,
  type PartitionBatch,
  type ProducerTransport,
} from '@kafkakit/core/internal'
import { backoffDelay } from './backoff.js'
import type { ConsumedMessage } from './consumed-message.js'
import { resolveConsumerOptions } from './consumer-options.js'
import { deadLetterRecord } from './dead-letter.js'
import { isNonRetriable } from './non-retriable.js'

/** Records between two heartbeats and commit checks inside a batch. */
const COMMIT_CHECK_EVERY = 50

export interface ConsumerOptions<Topics extends readonly AnyTopic[]> {
  readonly groupId: string
  readonly topics: Topics
  /** Handles one record; a throw retries it, then dead-letters it (see `retry`, `deadLetter`). */
  readonly handler: (message: ConsumedMessage<Topics[number]>) => void | Promise<void>
  readonly fromBeginning?: boolean
  readonly commit?: 'after-process' | 'auto' | 'manual'
  readonly autoCommitIntervalMs?: number
  readonly autoCommitEveryRecords?: number
  readonly concurrency?: number
  readonly retry?: {
    readonly attempts?: number
    readonly initialDelayMs?: number
    readonly maxDelayMs?: number
    readonly multiplier?: number
    readonly jitter?: number
  }
  readonly deadLetter?: true | { readonly topic?: (topic: string) => string }
  readonly readCommitted?: boolean
  readonly sessionTimeoutMs?: number
  readonly heartbeatIntervalMs?: number
  readonly rebalanceTimeoutMs?: number
}

export interface Consumer extends AsyncDisposable {
  /** Joins the group and starts handling records. */
  start(): Promise<void>
  /** Stops fetching, lets the running handlers finish, commits what they processed and leaves the group. Idempotent. */
  stop(): Promise<void>
}

/**
 * Creates a typed consumer.
 *
 * ```ts
 * const consumer = createConsumer(client, {
 *   groupId: 'event-collector-group-1',
 *   topics: [userEvents],
 *   fromBeginning: true,
 *   handler: async (message) => console.log(message.value.event_type),
 * })
 * await consumer.start()
 * ```
 */
export function createConsumer<const Topics extends readonly AnyTopic[]>(
  client: KafkaClient,
  options: ConsumerOptions<Topics>,
): Consumer {
  const resolved = resolveConsumerOptions(options)
  const internals = clientInternals(client)
  internals.assertOpen('createConsumer()')
  const { groupId, retry } = resolved
  const handler = options.handler as (message: ConsumedMessage<AnyTopic>) => void | Promise<void>
  const topics = new Map(resolved.topics.map((topic) => [topic.name, topic]))
  const transport = createKafkajsConsumerTransport(internals.options, {
    groupId,
    sessionTimeoutMs: resolved.sessionTimeoutMs,
    heartbeatIntervalMs: resolved.heartbeatIntervalMs,
    rebalanceTimeoutMs: resolved.rebalanceTimeoutMs,
    readCommitted: resolved.readCommitted,
    autoCommit: resolved.commit !== 'manual',
    autoCommitIntervalMs: resolved.commit === 'manual' ? undefined : resolved.autoCommitIntervalMs,
    autoCommitEveryRecords: resolved.commit === 'manual' ? undefined : resolved.autoCommitEveryRecords,
  })
  const deadLetterTopic = resolved.deadLetter
    ? resolved.deadLetter === true || !resolved.deadLetter.topic
      ? (topic: string) => `${topic}-dlt`
      : resolved.deadLetter.topic
    : undefined
  let deadLetters: ProducerTransport | undefined
  const logger = client.logger
  let started: Promise<void> | undefined
  let stopped: Promise<void> | undefined

  /** Waits `ms` while keeping the group membership alive. */
  async function pause(batch: PartitionBatch, ms: number): Promise<void> {
    const until = Date.now() + ms
    while (Date.now() < until && batch.isActive()) {
      await sleep(Math.min(resolved.heartbeatIntervalMs, until - Date.now()))
      await batch.heartbeat().catch(() => undefined)
    }
  }

  /** Writes the record to its dead-letter topic; retries until acknowledged (the partition waits meanwhile). */
  async function deadLetter(
    batch: PartitionBatch,
    record: IncomingRecord,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const target = deadLetterTopic!(record.topic)
    deadLetters ??= createKafkajsProducerTransport(internals.options, {
      idempotent: true,
      acks: -1,
      compression: 'none',
      ackTimeoutMs: 30_000,
    })
    for (let attempt = 1; ; attempt++) {
      if (!batch.isActive()) {
        throw new KafkakitError(
          ErrorCode.ABORTED,
          `Stopped before record ${record.topic}-${record.partition}@${record.offset} reached ${target}`,
        )
      }
      try {
        const partitions = await deadLetters.partitionCount(target)
        await deadLetters.send([
          {
            topic: target,
            records: [deadLetterRecord(record, error, groupId, attempts, record.partition % partitions)],
          },
        ])
        logger.warn(
          {
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            deadLetterTopic: target,
          },
          'record dead-lettered',
        )
        return
      } catch (writeError) {
        logger.error(
          {
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            deadLetterTopic: target,
            error: (writeError as Error).message,
          },
          'dead-letter write failed; the partition waits and retries',
        )
        await pause(batch, backoffDelay(attempt, retry))
      }
    }
  }

  /** Handles one record with in-place retries; returns the error of the last attempt, or undefined. */
  async function handle(
    batch: PartitionBatch,
    record: IncomingRecord,
    codec: TopicCodec<AnyTopic>,
  ): Promise<{ error: unknown; attempts: number } | undefined> {
    let decoded: Awaited<ReturnType<TopicCodec<AnyTopic>['decode']>>
    try {
      decoded = await codec.decode(record)
    } catch (error) {
      return { error, attempts: 0 }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await handler({
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
          timestamp: new Date(Number(record.timestamp)),
          key: decoded.key,
          value: decoded.value,
          headers: decoded.headers,
          rawHeaders: decoded.rawHeaders,
          attempt,
          commit: async () => {
            if (resolved.commit !== 'manual') {
              throw new KafkakitError(ErrorCode.CONFIG, 'message.commit() is for commit: "manual" consumers')
            }
            await batch.commit(record.offset)
          },
        } as ConsumedMessage<AnyTopic>)
        return undefined
      } catch (error) {
        if (attempt >= retry.attempts || isNonRetriable(error) || !batch.isActive())
          return { error, attempts: attempt }
        logger.warn(
          {
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            attempt,
            error: (error as Error).message,
          },
          'handler failed; retrying',
        )
        await pause(batch, backoffDelay(attempt, retry))
      }
    }
  }

  async function eachBatch(batch: PartitionBatch): Promise<void> {
    const topic = topics.get(batch.topic)
    if (!topic) return
    const codec = await client.codec(topic)
    let sinceCheck = 0
    for (const record of batch.records) {
      if (!batch.isActive()) break
      if (resolved.commit === 'auto') batch.markProcessed(record.offset)
      let failure = await handle(batch, record, codec)
      // Without a dead-letter topic nothing is skipped: the partition stays on this record, retrying at
      // the longest backoff, until the handler succeeds or the partition moves elsewhere.
      while (failure && !deadLetterTopic) {
        logger.error(
          {
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            error: (failure.error as Error).message,
          },
          'record failed every attempt and there is no dead-letter topic: the partition waits on it',
        )
        await pause(batch, retry.maxDelayMs)
        if (!batch.isActive()) return
        failure = await handle(batch, record, codec)
      }
      if (failure) await deadLetter(batch, record, failure.error, failure.attempts)
      // Fetching goes on after the record; unless commit is 'manual', the next commit moves past it too.
      if (resolved.commit !== 'auto') batch.markProcessed(record.offset)
      if (++sinceCheck >= COMMIT_CHECK_EVERY) {
        sinceCheck = 0
        await batch.heartbeat().catch(() => undefined)
        if (resolved.commit !== 'manual') await batch.commitIfDue()
      }
    }
  }

  const stop = () => {
    stopped ??= (async () => {
      forget()
      await started?.catch(() => undefined)
      await transport.stop().catch(() => undefined)
      await Promise.allSettled([transport.disconnect(), deadLetters?.disconnect()])
    })()
    return stopped
  }
  const forget = internals.track({ close: stop })

  return {
    start() {
      if (stopped)
        return Promise.reject(
          new KafkakitError(ErrorCode.CLOSED, 'start() was called after the consumer was stopped'),
        )
      started ??= (async () => {
        await transport.subscribe([...topics.keys()], resolved.fromBeginning)
        await transport.run({ concurrency: resolved.concurrency, eachBatch })
      })()
      return started
    },
    stop,
    [Symbol.asyncDispose]: stop,
  }
}
