import {
  type AbortOptions,
  type AnyTopic,
  type KafkaAdmin,
  type KafkaClient,
  type ProduceRecord,
  positionAfter,
  type TopicPartitionOffset,
} from '@kafkakit/core'
import type { ConsumerTransport, IncomingRecord, PartitionBatch } from '@kafkakit/core/internal'
import { backoffDelay } from './backoff.js'
import type { ConsumedMessage, TransactionContext } from './consumed-message.js'
import type { ResolvedConsumerOptions } from './consumer-options.js'
import type { Route } from './consumer-routes.js'
import { forwardTopic } from './forward-topic.js'
import { isNonRetriable } from './non-retriable.js'
import type { Failure, PartitionKit } from './partition-kit.js'

/** The part of a transactional producer the consumer drives (`createTransactionalProducer` is one). */
export interface TransactionalProducerLike {
  start(options?: AbortOptions): Promise<void>
  transaction<R>(work: (tx: TransactionLike) => Promise<R>, options?: AbortOptions): Promise<R>
  stop(options?: AbortOptions): Promise<void>
}

/** The part of a transaction the consumer uses (the `Transaction` of @kafkakit/producer is one). */
export interface TransactionLike {
  send<T extends AnyTopic>(topic: T, record: ProduceRecord<T>): Promise<TopicPartitionOffset>
  send<T extends AnyTopic>(topic: T, records: readonly ProduceRecord<T>[]): Promise<TopicPartitionOffset[]>
  sendOffsets(input: {
    readonly groupId: string
    readonly offsets: readonly TopicPartitionOffset[]
  }): Promise<void>
}

export type TransactionalProducerFactory = (
  client: KafkaClient,
  options: { readonly transactionalId: string; readonly telemetry: boolean },
) => TransactionalProducerLike

type Handler = (message: ConsumedMessage<AnyTopic>, context: TransactionContext) => unknown

/** A failure of the handler (or of decoding) inside a transaction, as opposed to one of Kafka. */
class RecordFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
    readonly decoded: boolean,
  ) {
    super('record failed')
  }
}

/** One input partition's transactional producer, valid for one group generation. */
interface Binding {
  readonly producer: TransactionalProducerLike
  readonly generation: number
  /** The group's committed position when bound, then moved by each commit; -1: nothing committed. */
  next: bigint
}

/**
 * Exactly-once consume-transform-produce. Each input partition gets its own transactional producer with
 * id `<prefix>-<topic>-<partition>`: creating it fences any older instance that still thinks it owns
 * the partition and completes or aborts that instance's open transaction; only then is the group's
 * committed offset read, and records before it are skipped. Records are handled in transactions that
 * carry their output and their offsets together; a failing record is retried in a transaction of its
 * own, and forwarded to its retry or dead-letter topic in a transaction with its offset.
 */
export function exactlyOnce(
  kit: PartitionKit,
  deps: {
    readonly client: KafkaClient
    readonly options: Readonly<ResolvedConsumerOptions>
    readonly transport: ConsumerTransport
    readonly handler: Handler
  },
) {
  const { client, options, transport, handler } = deps
  const config = options.exactlyOnce!
  const factory = config.producer as unknown as TransactionalProducerFactory
  const prefix = config.transactionalIdPrefix ?? options.groupId
  const { groupId, retry } = options
  const logger = kit.logger
  const bindings = new Map<string, Binding>()
  let generation = 0
  let admin: KafkaAdmin | undefined
  transport.onGroupJoin(() => {
    generation++
  })

  const keyOf = (batch: PartitionBatch) => `${batch.topic}\u0000${batch.partition}`

  async function unbind(batch: PartitionBatch): Promise<void> {
    const binding = bindings.get(keyOf(batch))
    bindings.delete(keyOf(batch))
    await binding?.producer.stop().catch(() => undefined)
  }

  async function bind(batch: PartitionBatch): Promise<Binding> {
    const current = bindings.get(keyOf(batch))
    if (current?.generation === generation) return current
    await unbind(batch)
    const seen = generation
    const producer = factory(client, {
      transactionalId: `${prefix}-${batch.topic}-${batch.partition}`,
      telemetry: options.telemetry,
    })
    try {
      // The consumer's signal: aborted when stop() gives up on the handlers.
      await producer.start({ signal: kit.signal })
      admin ??= client.admin()
      const committed = (await admin.committedOffsets(groupId, [batch.topic], { signal: kit.signal })).find(
        (p) => p.partition === batch.partition,
      )
      const binding: Binding = { producer, generation: seen, next: BigInt(committed?.offset ?? '-1') }
      bindings.set(keyOf(batch), binding)
      return binding
    } catch (error) {
      await producer.stop().catch(() => undefined)
      throw error
    }
  }

  /** A Kafka failure (fenced, timed out, connection lost): start over from the committed offset. */
  async function restart(batch: PartitionBatch, error: unknown, attempt = 1): Promise<void> {
    logger.warn(
      { topic: batch.topic, partition: batch.partition, error: (error as Error).message },
      'transaction failed; the partition starts again from its committed offset',
    )
    await unbind(batch)
    await kit.wait(batch, backoffDelay(attempt, retry))
  }

  async function commitAndSend(
    binding: Binding,
    batch: PartitionBatch,
    last: IncomingRecord,
    work: (tx: TransactionLike) => Promise<void>,
  ): Promise<void> {
    await binding.producer.transaction(async (tx) => {
      await work(tx)
      await tx.sendOffsets({
        groupId,
        offsets: [positionAfter(last)],
      })
    })
    binding.next = BigInt(last.offset) + 1n
    kit.done(batch, last.offset)
  }

  /** Decodes and handles `records` inside `tx`; a failure of one of them is a RecordFailure. */
  async function handleAll(
    tx: TransactionLike,
    batch: PartitionBatch,
    route: Route,
    records: readonly IncomingRecord[],
    attemptOf: (from: number) => number,
  ): Promise<void> {
    const send = ((topic: AnyTopic, input: never) => tx.send(topic, input)) as TransactionContext['send']
    const context: TransactionContext = { signal: kit.signal, send }
    for (const [index, record] of records.entries()) {
      const from = kit.origin(route, record)
      const decoded = await kit.decode(route, record)
      if ('error' in decoded) throw new RecordFailure(index, decoded.error, false)
      const attempt = attemptOf(from.attempts)
      try {
        await kit.invoke(route, record, attempt, () =>
          handler(kit.message(batch, route, record, from, decoded.decoded, attempt), context),
        )
      } catch (error) {
        throw new RecordFailure(index, error, true)
      }
    }
  }

  /**
   * A record that failed inside a chunk: its further attempts each in a transaction of its own, then
   * forwarded (retry or dead-letter topic) in a transaction with its offset. False: start over.
   */
  async function one(
    batch: PartitionBatch,
    route: Route,
    binding: Binding,
    record: IncomingRecord,
    first: RecordFailure,
  ): Promise<boolean> {
    const before = kit.origin(route, record).attempts
    let failed = first
    let attempt = 1
    while (batch.isActive()) {
      if (failed.decoded && attempt < retry.attempts && !isNonRetriable(failed.cause)) {
        logger.warn(
          {
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            attempt: before + attempt,
          },
          'handler failed; retrying',
        )
        await kit.wait(batch, backoffDelay(Math.max(attempt, 1), retry))
        attempt++
        try {
          await commitAndSend(binding, batch, record, (tx) =>
            handleAll(tx, batch, route, [record], () => before + attempt),
          )
          return true
        } catch (error) {
          if (!(error instanceof RecordFailure)) return restart(batch, error).then(() => false)
          failed = error
          continue
        }
      }
      const failure: Failure = {
        error: failed.cause,
        attempts: before + (failed.decoded ? attempt : 0),
        decoded: failed.decoded,
      }
      const step = kit.step(route, failure)
      if (step.kind === 'hold') {
        // Nowhere to forward it: kit.settle logs and waits, then the attempts start again.
        if ((await kit.settle(batch, route, record, failure)) === 'inactive') return false
        attempt = 0
        continue
      }
      try {
        const copy = await kit.forwardCopy(step, record, failure)
        await commitAndSend(binding, batch, record, async (tx) => {
          await tx.send(forwardTopic(step.target), {
            key: copy.key,
            value: copy.value,
            rawHeaders: copy.headers,
            partition: copy.partition,
          })
        })
        kit.logForward(record, step, failure)
        return true
      } catch (error) {
        await restart(batch, error)
        return false
      }
    }
    return false
  }

  async function eachBatch(batch: PartitionBatch, route: Route): Promise<void> {
    let binding: Binding
    try {
      binding = await bind(batch)
    } catch (error) {
      await restart(batch, error)
      return
    }
    const first = batch.records[0]
    if (!first) return
    if (binding.next >= 0n && binding.next < BigInt(first.offset)) {
      // The group's position is behind what was fetched (committed by another instance, or reset): go back.
      transport.seek(batch.topic, batch.partition, String(binding.next))
      return
    }
    const pending = batch.records.filter((record) => BigInt(record.offset) >= binding.next)
    if (pending.length < batch.records.length) {
      // Already committed by an earlier owner of the partition: skip them.
      kit.done(batch, batch.records[batch.records.length - pending.length - 1]!.offset)
    }
    const max = config.maxRecordsPerTransaction
    // A record that failed inside a chunk (which was aborted): the records before it are committed
    // again without it, then it gets its further attempts on its own.
    let failed: { readonly index: number; readonly error: RecordFailure } | undefined
    let i = 0
    while (i < pending.length) {
      if (!batch.isActive()) return
      if (failed?.index === i) {
        if (!(await one(batch, route, binding, pending[i]!, failed.error))) return
        failed = undefined
        i++
        continue
      }
      const limit = failed ? failed.index : pending.length
      let end = i
      let paused = false
      while (end < limit && end - i < max) {
        if (kit.notYetDue(batch, route, pending[end]!)) {
          paused = true
          break
        }
        end++
      }
      const chunk = pending.slice(i, end)
      if (chunk.length > 0) {
        try {
          await commitAndSend(binding, batch, chunk[chunk.length - 1]!, (tx) =>
            handleAll(tx, batch, route, chunk, (from) => from + 1),
          )
          i = end
        } catch (error) {
          if (!(error instanceof RecordFailure)) return restart(batch, error)
          failed = { index: i + error.index, error }
          continue
        }
      }
      if (paused) return // the partition is paused until its next retry record is due
    }
  }

  return {
    eachBatch,
    async stop() {
      await Promise.allSettled([...bindings.values()].map((b) => b.producer.stop()))
      bindings.clear()
      await admin?.stop().catch(() => undefined)
    },
  }
}
