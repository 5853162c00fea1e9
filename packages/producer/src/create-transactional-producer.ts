import { type AnyTopic, ErrorCode, type KafkaClient, KafkakitError, type ProduceRecord } from '@kafkakit/core'
import {
  clientInternals,
  createKafkajsProducerTransport,
  isKafkajsInstrumented,
  parseOptions,
} from '@kafkakit/core/internal'
import { z } from 'zod'
import { prepareRecords, topicStates } from './prepare-records.js'
import { producerOptionsObject, resolveProducerOptions } from './producer-options.js'
import type { RecordMetadata } from './record-metadata.js'
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

/** A consumer position to commit with a transaction: the next offset to read (last processed + 1). */
export interface TransactionOffset {
  readonly topic: string
  readonly partition: number
  readonly offset: string | number | bigint
}

/** What a transaction callback can do; everything commits or aborts together. */
export interface Transaction {
  send<T extends AnyTopic>(
    topic: T,
    records: ProduceRecord<T> | readonly ProduceRecord<T>[],
  ): Promise<RecordMetadata[]>
  /** Commits a consumer group's positions as part of this transaction (consume-transform-produce). */
  sendOffsets(input: {
    readonly groupId: string
    readonly offsets: readonly TransactionOffset[]
  }): Promise<void>
}

export interface TransactionalProducer extends AsyncDisposable {
  connect(): Promise<void>
  /**
   * Runs `work` in a transaction: commits when it resolves, aborts when it throws (and rethrows).
   * Transactions of one producer run one after another.
   */
  transaction<R>(work: (tx: Transaction) => Promise<R>): Promise<R>
  close(): Promise<void>
}

/** Errors after which the producer's state is unknown: it is replaced rather than reused. */
const ambiguous = (error: unknown) =>
  !KafkakitError.is(error) ||
  error.code === ErrorCode.TIMEOUT ||
  error.code === ErrorCode.CONNECTION ||
  (error.code === ErrorCode.KAFKA && error.retriable)

/**
 * A transactional producer for exactly-once consume-transform-produce.
 *
 * ```ts
 * await producer.transaction(async (tx) => {
 *   await tx.send(enrichedUsers, records)
 *   await tx.sendOffsets({ groupId, offsets: [{ topic, partition, offset: next }] })
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
  internals.assertOpen('createTransactionalProducer()')
  const transport = createKafkajsProducerTransport(internals.options, {
    idempotent: true,
    acks: -1,
    compression: resolved.compression,
    ackTimeoutMs: resolved.ackTimeoutMs,
    transactionalId: resolved.transactionalId,
    transactionTimeoutMs: resolved.transactionTimeoutMs,
  })
  const telemetry = resolved.telemetry && !isKafkajsInstrumented()
  const sticky = { next: 0 }
  const stateOf = topicStates(client, transport)
  let queue: Promise<unknown> = Promise.resolve()
  let connected: Promise<void> | undefined
  let closed: Promise<void> | undefined

  const ensureConnected = async () => {
    connected ??= transport.connect().catch((error) => {
      connected = undefined
      throw error
    })
    await connected
  }
  const closedError = (operation: string) =>
    new KafkakitError(ErrorCode.CLOSED, `${operation} was called after the transactional producer was closed`)

  async function run<R>(work: (tx: Transaction) => Promise<R>): Promise<R> {
    await ensureConnected()
    const tx = await transport.transaction()
    let result: R
    try {
      result = await work({
        async send(topic, input) {
          const known = stateOf(topic)
          const records = prepareRecords(
            known instanceof Promise ? await known : known,
            producerOptions,
            input,
            sticky,
          )
          if (records.length === 0) return []
          return tracedSend(telemetry, topic.name, client.clientId, records, () =>
            tx.send([{ topic: topic.name, records }]),
          )
        },
        sendOffsets: ({ groupId, offsets }) =>
          tx.sendOffsets(
            groupId,
            offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset) })),
          ),
      })
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

  const close = () => {
    closed ??= (async () => {
      forget()
      await queue.catch(() => undefined)
      await transport.disconnect()
    })()
    return closed
  }
  const forget = internals.track({ close })

  return {
    async connect() {
      if (closed) throw closedError('connect()')
      await ensureConnected()
    },
    transaction(work) {
      if (closed) return Promise.reject(closedError('transaction()'))
      const next = queue.catch(() => undefined).then(() => run(work))
      queue = next
      return next
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}
