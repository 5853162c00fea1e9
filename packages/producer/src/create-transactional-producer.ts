import {
  type AbortOptions,
  type AnyTopic,
  ErrorCode,
  type KafkaClient,
  KafkakitError,
  type ProduceRecord,
  type TopicPartitionOffset,
} from '@kafkakit/core'
import {
  abortable,
  abortedError,
  clientInternals,
  parseOptions,
  throwIfAborted,
} from '@kafkakit/core/internal'
import { z } from 'zod'
import { prepareRecords, topicStates } from './prepare-records.js'
import { producerOptionsObject, resolveProducerOptions } from './producer-options.js'
import { tracedSend } from './send-span.js'

const transactionalOptionsSchema = producerOptionsObject
  .pick({ compression: true, ackTimeoutMs: true, telemetry: true })
  .extend({
    /** Identifies this producer across restarts; a new instance with the same id fences the old one. */
    transactionalId: z.string().min(1),
    /** The broker aborts a transaction open longer than this, in ms. */
    transactionTimeoutMs: z.number().int().positive().default(60_000),
  })

export type TransactionalProducerOptions = z.input<typeof transactionalOptionsSchema>

/** What a transaction callback can do; everything commits or aborts together. */
export interface Transaction {
  /** Sends one record in the transaction; resolves to where it landed (visible to read_committed readers once committed). */
  send<T extends AnyTopic>(topic: T, record: ProduceRecord<T>): Promise<TopicPartitionOffset>
  /** Sends several records in the transaction; resolves to each record's position, in input order. */
  send<T extends AnyTopic>(topic: T, records: readonly ProduceRecord<T>[]): Promise<TopicPartitionOffset[]>
  /**
   * Commits a consumer group's positions as part of this transaction (consume-transform-produce). Each
   * offset is the next one to read, as a decimal string: `positionAfter(message)` of @kafkakit/core gives
   * it for a processed message.
   */
  sendOffsets(input: {
    readonly groupId: string
    readonly offsets: readonly TopicPartitionOffset[]
  }): Promise<void>
}

export interface TransactionalProducer extends AsyncDisposable {
  /**
   * Connects and initialises the transactional id (fencing any older instance with it); optional, as the
   * first transaction() does it. Idempotent. An abort of `signal` rejects with KAFKAKIT_ABORTED at once
   * and gives the attempt up (unless a transaction still waits for it); whatever it connected is
   * disconnected.
   */
  start(options?: AbortOptions): Promise<void>
  /**
   * Runs `work` in a transaction: commits when it resolves, aborts when it throws (and rethrows).
   * Transactions of one producer run one after another. An abort of `signal` while the transaction waits
   * for its turn or the connection rejects with KAFKAKIT_ABORTED and nothing runs; while `work` runs, the
   * transaction's later send() and sendOffsets() reject with KAFKAKIT_ABORTED and, once `work` returns,
   * the transaction is aborted instead of committed. A commit under way is not interrupted.
   */
  transaction<R>(work: (tx: Transaction) => Promise<R>, options?: AbortOptions): Promise<R>
  /**
   * Waits for the transactions already asked for, then disconnects. Idempotent; `[Symbol.asyncDispose]`
   * calls it; afterwards start() and transaction() reject with KAFKAKIT_STOPPED. An abort of `signal`
   * stops waiting: the producer disconnects at once, in the background (an open transaction is then
   * aborted by the broker, or fenced by the next producer with its id), and stop() rejects with
   * KAFKAKIT_ABORTED. The producer is stopped either way.
   */
  stop(options?: AbortOptions): Promise<void>
}

/** Offsets to commit are decimal strings (what a consumed message's offset is, plus one). */
function checkOffsets(offsets: readonly TopicPartitionOffset[]): void {
  for (const [index, position] of offsets.entries()) {
    if (typeof position.offset !== 'string' || !/^\d+$/.test(position.offset)) {
      throw new KafkakitError(
        ErrorCode.CONFIG,
        `sendOffsets(): offsets[${index}].offset must be the next offset to read as a decimal string, e.g. '42' (got ${String(position.offset)})`,
        { details: { fields: [`offsets.${index}.offset`] } },
      )
    }
  }
}

/**
 * Errors after which the producer's state is unknown: it is replaced rather than reused. A rebalance
 * under sendOffsets (ILLEGAL_GENERATION, ...) leaves the transaction in an abortable error state, as
 * before it had a code of its own; fencing is final and not recovered here.
 */
const ambiguous = (error: unknown) =>
  !KafkakitError.is(error) ||
  error.code === ErrorCode.TIMEOUT ||
  error.code === ErrorCode.CONNECTION ||
  error.code === ErrorCode.REBALANCE ||
  (error.code === ErrorCode.KAFKA && error.retriable)

/**
 * A transactional producer for exactly-once consume-transform-produce.
 *
 * ```ts
 * await producer.transaction(async (tx) => {
 *   await tx.send(enrichedUsers, records)
 *   await tx.sendOffsets({ groupId, offsets: [positionAfter(lastMessage)] })
 * })
 * ```
 */
export function createTransactionalProducer(
  client: KafkaClient,
  options: TransactionalProducerOptions,
): TransactionalProducer {
  const resolved = parseOptions(transactionalOptionsSchema, options, 'transactional producer options')
  const producerOptions = resolveProducerOptions({
    compression: resolved.compression,
    ackTimeoutMs: resolved.ackTimeoutMs,
  })
  const internals = clientInternals(client)
  internals.assertNotStopped('createTransactionalProducer()')
  const transport = internals.transport.producer(internals.options, {
    idempotent: true,
    acks: -1,
    compression: resolved.compression,
    ackTimeoutMs: resolved.ackTimeoutMs,
    transactionalId: resolved.transactionalId,
    transactionTimeoutMs: resolved.transactionTimeoutMs,
  })
  const telemetry = resolved.telemetry && !internals.transport.isInstrumented()
  const sticky = { next: 0 }
  const stateOf = topicStates(client, transport)
  // The transactions asked for, one after another.
  let queue: Promise<unknown> = Promise.resolve()
  // Set by the first stop(): resolves once disconnected; `giveUp` makes it stop waiting for the queue.
  let stopped: Promise<void> | undefined
  let giveUp = () => {}

  const stoppedError = (operation: string) =>
    new KafkakitError(
      ErrorCode.STOPPED,
      `${operation} was called after the transactional producer was stopped`,
    )

  async function run<R>(work: (tx: Transaction) => Promise<R>, signal: AbortSignal | undefined): Promise<R> {
    throwIfAborted(signal, 'transaction()')
    const tx = await transport.transaction({ signal })
    /** Once `signal` aborted, the transaction takes nothing more and is aborted when `work` returns. */
    const live = () => throwIfAborted(signal, 'The transaction')
    let result: R
    try {
      const send = async <T extends AnyTopic>(
        topic: T,
        input: ProduceRecord<T> | readonly ProduceRecord<T>[],
      ): Promise<TopicPartitionOffset | TopicPartitionOffset[]> => {
        live()
        const known = stateOf(topic)
        const records = prepareRecords(
          known instanceof Promise ? await abortable(known, signal, 'The transaction') : known,
          producerOptions,
          input,
          sticky,
        )
        if (records.length === 0) return []
        return tracedSend(telemetry, topic.name, client.clientId, records, !Array.isArray(input), () =>
          tx.send([{ topic: topic.name, records }]),
        )
      }
      result = await work({
        // One implementation for both overloads: a single record resolves to one position, an array to many.
        send: send as Transaction['send'],
        async sendOffsets({ groupId, offsets }) {
          live()
          checkOffsets(offsets)
          await tx.sendOffsets(groupId, offsets)
        },
      })
      live()
    } catch (error) {
      try {
        await tx.abort()
        if (ambiguous(error)) await transport.reset()
      } catch {
        await transport.reset().catch(() => undefined)
      }
      throw error
    }
    try {
      await tx.commit()
    } catch (error) {
      await transport.reset().catch(() => undefined)
      throw new KafkakitError(
        KafkakitError.is(error) ? error.code : ErrorCode.KAFKA,
        `The transaction's commit failed, so its outcome is unknown (the producer was re-initialised, which completes or aborts it): ${(error as Error).message}`,
        { cause: error, retriable: KafkakitError.is(error) && error.retriable },
      )
    }
    return result
  }

  const stop = (options: AbortOptions = {}): Promise<void> => {
    if (!stopped) {
      forget()
      const gaveUp = new Promise<void>((resolve) => {
        giveUp = resolve
      })
      stopped = Promise.race([queue.then(ignore, ignore), gaveUp]).then(() => transport.disconnect())
    }
    const { signal } = options
    if (signal?.aborted) {
      giveUp()
      return Promise.reject(abortedError('transactional producer stop()', signal))
    }
    return abortable(stopped, signal, 'transactional producer stop()', () => giveUp())
  }
  const forget = internals.track({ stop }, 'producer')

  return {
    start(options = {}) {
      if (stopped) return Promise.reject(stoppedError('start()'))
      return transport.connect({ signal: options.signal })
    },
    transaction<R>(work: (tx: Transaction) => Promise<R>, options: AbortOptions = {}): Promise<R> {
      if (stopped) return Promise.reject(stoppedError('transaction()'))
      const { signal } = options
      if (signal?.aborted) return Promise.reject(abortedError('transaction()', signal))
      // Its turn comes when the one before it settled; given up while it waits, it is skipped then.
      const turn = queue.then(ignore, ignore)
      let skipped = false
      const ran = turn.then(() => (skipped ? undefined : run(work, signal)))
      queue = ran
      return abortable(turn, signal, 'transaction()', () => {
        skipped = true
      }).then(() => ran as Promise<R>)
    },
    stop,
    [Symbol.asyncDispose]: () => stop(),
  }
}

const ignore = () => undefined
