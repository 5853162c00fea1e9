import { setTimeout as sleep } from 'node:timers/promises'
import { type AbortOptions, type AnyTopic, ErrorCode, type KafkaClient, KafkakitError } from '@kafkakit/core'
import { abortable, abortedError, clientInternals, type PartitionBatch } from '@kafkakit/core/internal'
import { batchByBatch, recordByRecord } from './at-least-once.js'
import type {
  ConsumedMessage,
  HandlerContext,
  ManualCommitMessage,
  TransactionContext,
} from './consumed-message.js'
import { type CommitMode, type ConsumerOptionsInput, resolveConsumerOptions } from './consumer-options.js'
import { consumerRoutes, type Route } from './consumer-routes.js'
import { exactlyOnce, type TransactionalProducerFactory } from './exactly-once.js'
import { createPartitionKit } from './partition-kit.js'

/** How long stop() waits for handlers that ignored their aborted signal, after shutdownTimeoutMs. */
const ABORT_GRACE_MS = 5000

/** The options typed per call, composed on top of the schema's (see consumer-options.ts). */
type PerCall = 'topics' | 'handler' | 'batchHandler' | 'commit' | 'exactlyOnce'

/** The options every consumer takes, exactly as the schema defines them. */
type SchemaOptions = Readonly<Omit<ConsumerOptionsInput, PerCall>>

/** A `handler` for one record at a time, or a `batchHandler`, of messages `M`. */
type Handlers<M> =
  | {
      /** Handles one record; a throw retries it, then forwards it (see retry, retryTopics, deadLetter). */
      readonly handler: (message: M, context: HandlerContext) => void | Promise<void>
      readonly batchHandler?: undefined
    }
  | {
      /** Handles the records of one partition fetched together, in order. */
      readonly batchHandler: (messages: readonly M[], context: HandlerContext) => void | Promise<void>
      readonly handler?: undefined
    }

/**
 * Options of an at-least-once consumer: a `handler` for one record at a time, or a `batchHandler`. With
 * `commit: 'manual'` the messages have `commit()`; in the other modes they do not.
 */
export type ConsumerOptions<Topics extends readonly AnyTopic[]> = SchemaOptions & {
  /** The topics to consume, made by defineTopic(); with several, `message.topic` narrows the message. */
  readonly topics: Topics
  readonly exactlyOnce?: undefined
} & (
    | ({
        /** The handler commits: `await message.commit()` commits its offset (and those before it). */
        readonly commit: 'manual'
      } & Handlers<ManualCommitMessage<Topics[number]>>)
    | ({
        /** 'after-process' (default): committed after the handler succeeded; 'auto': as received (at most once). */
        readonly commit?: Exclude<CommitMode, 'manual'> | undefined
      } & Handlers<ConsumedMessage<Topics[number]>>)
  )

/** The `exactlyOnce` option: the schema's, with the producer factory's type. */
export type ExactlyOnceOptions = Readonly<
  Omit<NonNullable<ConsumerOptionsInput['exactlyOnce']>, 'producer'>
> & {
  /** `createTransactionalProducer` from @kafkakit/producer. */
  readonly producer: TransactionalProducerFactory
}

/** Options of an exactly-once consume-transform-produce consumer. */
export type ExactlyOnceConsumerOptions<Topics extends readonly AnyTopic[]> = SchemaOptions & {
  readonly topics: Topics
  readonly exactlyOnce: ExactlyOnceOptions
  /** The transactions commit the offsets: only the default, 'after-process', goes with exactlyOnce. */
  readonly commit?: 'after-process' | undefined
  /** Sends through `context.send`: the output commits or aborts together with the record's offset. */
  readonly handler: (
    message: ConsumedMessage<Topics[number]>,
    context: TransactionContext,
  ) => void | Promise<void>
  readonly batchHandler?: undefined
}

export interface Consumer extends AsyncDisposable {
  /**
   * Joins the group and starts handling records; resolves once it joined. Idempotent. An abort of
   * `signal` while it joins rejects with KAFKAKIT_ABORTED; if this call began the join, the consumer
   * stops (create a new one to try again), while a later call waiting for the same join only stops
   * waiting. After stop(): KAFKAKIT_STOPPED.
   */
  start(options?: AbortOptions): Promise<void>
  /**
   * Stops fetching, lets the running handlers finish (up to shutdownTimeoutMs, then their signal is
   * aborted), commits what they processed and leaves the group. Idempotent; `[Symbol.asyncDispose]`
   * calls it. An abort of `signal` ends the wait as shutdownTimeoutMs would: the handlers' signal is
   * aborted, the consumer leaves in the background, and stop() rejects with KAFKAKIT_ABORTED.
   */
  stop(options?: AbortOptions): Promise<void>
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
  options: ExactlyOnceConsumerOptions<Topics>,
): Consumer
export function createConsumer<const Topics extends readonly AnyTopic[]>(
  client: KafkaClient,
  options: ConsumerOptions<Topics>,
): Consumer
export function createConsumer<const Topics extends readonly AnyTopic[]>(
  client: KafkaClient,
  options: ConsumerOptions<Topics> | ExactlyOnceConsumerOptions<Topics>,
): Consumer {
  const resolved = resolveConsumerOptions(options)
  const internals = clientInternals(client)
  internals.assertNotStopped('createConsumer()')
  const routes = consumerRoutes(resolved)
  const selfCommits = resolved.commit !== 'manual' && !resolved.exactlyOnce
  const transport = internals.transport.consumer(internals.options, {
    groupId: resolved.groupId,
    sessionTimeoutMs: resolved.sessionTimeoutMs,
    heartbeatIntervalMs: resolved.heartbeatIntervalMs,
    rebalanceTimeoutMs: resolved.rebalanceTimeoutMs,
    readCommitted: resolved.readCommitted,
    fetchMaxWaitMs: resolved.fetchMaxWaitMs,
    autoCommit: selfCommits,
    autoCommitIntervalMs: selfCommits ? resolved.autoCommitIntervalMs : undefined,
    autoCommitEveryRecords: selfCommits ? resolved.autoCommitEveryRecords : undefined,
  })
  const abort = new AbortController()
  const kit = createPartitionKit({ client, internals, options: resolved, transport, signal: abort.signal })
  // biome-ignore lint/suspicious/noExplicitAny: the handler's message type is checked at the call site
  const handler = (resolved.handler ?? resolved.batchHandler) as (...args: any[]) => unknown
  const eos = resolved.exactlyOnce
    ? exactlyOnce(kit, { client, options: resolved, transport, handler })
    : undefined
  const handleBatch: (batch: PartitionBatch, route: Route) => Promise<void> =
    eos?.eachBatch ??
    (resolved.batchHandler ? batchByBatch(kit, resolved, handler) : recordByRecord(kit, resolved, handler))
  let started: Promise<void> | undefined
  let stopped: Promise<void> | undefined

  async function eachBatch(batch: PartitionBatch): Promise<void> {
    const route = routes.get(batch.topic)
    if (route) await handleBatch(batch, route)
  }

  // Set by the first stop(); `giveUp` ends its waiting for the handlers as shutdownTimeoutMs would.
  let giveUp = () => {}
  const stop = (options: AbortOptions = {}): Promise<void> => {
    if (!stopped) {
      forget()
      const gaveUp = new Promise<'signal'>((resolve) => {
        giveUp = () => resolve('signal')
      })
      stopped = (async () => {
        await Promise.race([started?.catch(() => undefined), gaveUp])
        const stopping = transport.stop().then(
          () => 'stopped' as const,
          () => 'stopped' as const,
        )
        const ended = await Promise.race([
          stopping,
          gaveUp,
          sleep(resolved.shutdownTimeoutMs, 'timeout' as const, { ref: false }),
        ])
        if (ended !== 'stopped') {
          const why = ended === 'signal' ? "stop()'s signal was aborted" : 'shutdownTimeoutMs has passed'
          client.logger.error(
            { groupId: resolved.groupId, shutdownTimeoutMs: resolved.shutdownTimeoutMs },
            `handlers still running and ${why}: their signal is aborted and the consumer leaves`,
          )
          abort.abort(new KafkakitError(ErrorCode.ABORTED, `The consumer is stopping: ${why}`))
          await Promise.race([stopping, sleep(ABORT_GRACE_MS, false, { ref: false })])
        }
        await Promise.allSettled([
          Promise.race([transport.disconnect(), sleep(ABORT_GRACE_MS, undefined, { ref: false })]),
          kit.stop(),
          eos?.stop(),
        ])
      })()
    }
    const { signal } = options
    if (signal?.aborted) {
      giveUp()
      return Promise.reject(abortedError('consumer stop()', signal))
    }
    return abortable(stopped, signal, 'consumer stop()', () => giveUp())
  }
  const forget = internals.track({ stop }, 'consumer')

  return {
    start(options = {}) {
      if (stopped)
        return Promise.reject(
          new KafkakitError(ErrorCode.STOPPED, 'start() was called after the consumer was stopped'),
        )
      const { signal } = options
      if (signal?.aborted) return Promise.reject(abortedError('consumer start()', signal))
      const joins = !started
      started ??= (async () => {
        await transport.subscribe([...routes.keys()], resolved.fromBeginning)
        await transport.run({ concurrency: resolved.concurrency, eachBatch })
      })()
      // The call that began the join, given up while joining: the consumer stops, so that nothing stays
      // half-joined. A later start() waiting for the same join only stops waiting.
      const giveUp = joins ? () => void stop().catch(() => undefined) : undefined
      return abortable(started, signal, 'consumer start()', giveUp)
    },
    stop,
    [Symbol.asyncDispose]: () => stop(),
  }
}
