import type { AnyTopic, DecodedRecord } from '@kafkakit/core'
import type { IncomingRecord, PartitionBatch } from '@kafkakit/core/internal'
import type { ConsumedMessage, HandlerContext } from './consumed-message.js'
import type { ResolvedConsumerOptions } from './consumer-options.js'
import type { Route } from './consumer-routes.js'
import type { Failure, PartitionKit } from './partition-kit.js'

/** Records between two heartbeats and commit checks inside a batch. */
const COMMIT_CHECK_EVERY = 50

type RecordHandler = (message: ConsumedMessage<AnyTopic>, context: HandlerContext) => unknown
type BatchHandler = (messages: readonly ConsumedMessage<AnyTopic>[], context: HandlerContext) => unknown

/**
 * Handles a record until it succeeds or is forwarded to its retry or dead-letter topic (without a
 * dead-letter topic it stays on the record). False when the partition went inactive first.
 */
async function settleRecord(
  kit: PartitionKit,
  batch: PartitionBatch,
  route: Route,
  record: IncomingRecord,
  handle: (record: IncomingRecord, first?: FirstFailure) => Promise<Failure | undefined>,
  first?: FirstFailure,
): Promise<boolean> {
  for (let failed = first; ; failed = undefined) {
    const failure = await handle(record, failed)
    if (!failure) return true
    if (!batch.isActive()) return false
    const settled = await kit.settle(batch, route, record, failure)
    if (settled === 'forwarded') return true
    if (settled === 'inactive') return false
  }
}

/** How the first, fast attempt at a record failed: in decoding it, or in the handler. */
interface FirstFailure {
  readonly error: unknown
  readonly decoded: boolean
}

/** Processes a batch one record at a time, in order (the `handler` mode). */
export function recordByRecord(
  kit: PartitionKit,
  options: Readonly<ResolvedConsumerOptions>,
  handler: RecordHandler,
) {
  const context: HandlerContext = { signal: kit.signal }
  const handle =
    (batch: PartitionBatch, route: Route) => async (record: IncomingRecord, first?: FirstFailure) => {
      const from = kit.origin(route, record)
      if (first && !first.decoded) return { error: first.error, attempts: from.attempts, decoded: false }
      const decoded = await kit.decode(route, record)
      if ('error' in decoded) return { error: decoded.error, attempts: from.attempts, decoded: false }
      return kit.attempts(
        batch,
        [record],
        from.attempts,
        (attempt) =>
          kit.invoke(route, record, attempt, () =>
            handler(kit.message(batch, route, record, from, decoded.decoded, attempt), context),
          ),
        first,
      )
    }

  /**
   * The first attempt at a record of the topic itself, with no promise at all unless the decoding or the
   * handler is asynchronous. Undefined when it succeeded.
   */
  function firstAttempt(
    batch: PartitionBatch,
    route: Route,
    record: IncomingRecord,
  ): FirstFailure | undefined | Promise<FirstFailure | undefined> {
    let decoded: DecodedRecord<AnyTopic> | Promise<DecodedRecord<AnyTopic>>
    try {
      decoded = kit.decodeNow(route, record)
    } catch (error) {
      return { error, decoded: false }
    }
    if (decoded instanceof Promise) {
      return decoded.then(
        (value) => run(batch, route, record, value),
        (error: unknown) => ({ error, decoded: false }),
      )
    }
    return run(batch, route, record, decoded)
  }

  function run(
    batch: PartitionBatch,
    route: Route,
    record: IncomingRecord,
    decoded: DecodedRecord<AnyTopic>,
  ): FirstFailure | undefined | Promise<FirstFailure | undefined> {
    try {
      const result = kit.invoke(route, record, 1, () =>
        handler(kit.message(batch, route, record, undefined, decoded, 1), context),
      )
      if (result instanceof Promise)
        return result.then(
          () => undefined,
          (error: unknown) => ({ error, decoded: true }),
        )
      return undefined
    } catch (error) {
      return { error, decoded: true }
    }
  }

  return async (batch: PartitionBatch, route: Route): Promise<void> => {
    const handleRecord = handle(batch, route)
    let sinceCheck = 0
    for (const record of batch.records) {
      if (!batch.isActive() || kit.notYetDue(batch, route, record)) return
      if (options.commit === 'auto') batch.markProcessed(record.offset)
      let first = route.stage === 0 ? firstAttempt(batch, route, record) : undefined
      if (first instanceof Promise) first = await first
      if ((first || route.stage > 0) && !(await settleRecord(kit, batch, route, record, handleRecord, first)))
        return
      // Fetching goes on after the record; unless commit is 'manual', the next commit moves past it too.
      if (options.commit !== 'auto') kit.done(batch, record.offset)
      if (++sinceCheck >= COMMIT_CHECK_EVERY) {
        sinceCheck = 0
        await batch.heartbeat().catch(() => undefined)
        if (options.commit !== 'manual' && batch.isActive()) batch.commitIfDue()
      }
    }
  }
}

/**
 * Processes a batch with the batch handler: the records that decode go to it together, in order (a
 * record that cannot be decoded splits the batch and is forwarded between the parts). When the handler
 * fails every in-place attempt, the records are handled again one at a time (each alone in a batch), so
 * only the records that fail on their own go on to a retry or dead-letter topic.
 */
export function batchByBatch(
  kit: PartitionKit,
  options: Readonly<ResolvedConsumerOptions>,
  handler: BatchHandler,
) {
  const context: HandlerContext = { signal: kit.signal }
  /** The handler on records decoded as `values`, with in-place retries. */
  const run = (
    batch: PartitionBatch,
    route: Route,
    records: readonly IncomingRecord[],
    values: readonly DecodedRecord<AnyTopic>[],
  ) => {
    // Records read from the topic itself are their own origin, handled 0 times before.
    const froms = route.stage === 0 ? undefined : records.map((record) => kit.origin(route, record))
    const before = froms ? Math.min(...froms.map((f) => f.attempts)) : 0
    const last = records[records.length - 1]!
    return kit.attempts(batch, records, before, (attempt) =>
      kit.invoke(route, last, attempt, () => {
        const messages = new Array<ConsumedMessage<AnyTopic>>(records.length)
        for (let i = 0; i < records.length; i++) {
          const from = froms?.[i]
          messages[i] = kit.message(
            batch,
            route,
            records[i]!,
            from,
            values[i]!,
            (from?.attempts ?? 0) + attempt - before,
          )
        }
        return handler(messages, context)
      }),
    )
  }
  const alone = (batch: PartitionBatch, route: Route) => async (record: IncomingRecord) => {
    const decoded = await kit.decode(route, record)
    if ('error' in decoded)
      return { error: decoded.error, attempts: kit.origin(route, record).attempts, decoded: false }
    return run(batch, route, [record], [decoded.decoded])
  }

  return async (batch: PartitionBatch, route: Route): Promise<void> => {
    const handleAlone = alone(batch, route)
    let records: IncomingRecord[] = []
    let values: DecodedRecord<AnyTopic>[] = []
    const flush = async (): Promise<boolean> => {
      if (records.length === 0) return true
      const failed = await run(batch, route, records, values)
      if (failed) {
        if (!batch.isActive()) return false
        for (const record of records) {
          if (!(await settleRecord(kit, batch, route, record, handleAlone))) return false
          if (options.commit !== 'auto') kit.done(batch, record.offset)
        }
      }
      if (options.commit !== 'auto') kit.done(batch, records[records.length - 1]!.offset)
      records = []
      values = []
      return true
    }
    /** A record that cannot be decoded: what came before it goes first, then it goes on (decoded again, failing again). */
    const poison = async (record: IncomingRecord): Promise<boolean> => {
      if (!(await flush())) return false
      if (!(await settleRecord(kit, batch, route, record, handleAlone))) return false
      if (options.commit !== 'auto') kit.done(batch, record.offset)
      return true
    }

    if (!batch.isActive()) return
    // Per record only what must be: the batch can go inactive only while this waits for something.
    const auto = options.commit === 'auto'
    for (const record of batch.records) {
      if (kit.notYetDue(batch, route, record)) {
        await flush()
        return
      }
      if (auto) batch.markProcessed(record.offset)
      let decoded: DecodedRecord<AnyTopic> | Promise<DecodedRecord<AnyTopic>>
      try {
        decoded = kit.decodeNow(route, record)
        if (decoded instanceof Promise) {
          decoded = await decoded
          if (!batch.isActive()) return
        }
      } catch {
        if (!(await poison(record)) || !batch.isActive()) return
        continue
      }
      records.push(record)
      values.push(decoded)
    }
    await flush()
  }
}
