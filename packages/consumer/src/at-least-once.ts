import type { AnyTopic, DecodedRecord } from '@kafkakit/core'
import type { IncomingRecord, PartitionBatch } from '@kafkakit/core/internal'
import type { ConsumedMessage, HandlerContext } from './consumed-message.js'
import type { ResolvedConsumerOptions } from './consumer-options.js'
import type { Route } from './consumer-routes.js'
import type { Decoded, Failure, PartitionKit } from './partition-kit.js'

/** Records between two heartbeats and commit checks inside a batch. */
const COMMIT_CHECK_EVERY = 50

type RecordHandler = (message: ConsumedMessage<AnyTopic>, context: HandlerContext) => unknown
type BatchHandler = (messages: readonly ConsumedMessage<AnyTopic>[], context: HandlerContext) => unknown
interface Part {
  readonly record: IncomingRecord
  readonly decoded: DecodedRecord<AnyTopic>
}

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
      if (!batch.isActive() || (route.stage > 0 && kit.notYetDue(batch, route, record))) return
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
  const run = (batch: PartitionBatch, route: Route, part: readonly Part[]) => {
    const froms = part.map((p) => kit.origin(route, p.record))
    const before = Math.min(...froms.map((f) => f.attempts))
    const last = part[part.length - 1]!.record
    return kit.attempts(
      batch,
      part.map((p) => p.record),
      before,
      (attempt) =>
        kit.invoke(route, last, attempt, () =>
          handler(
            part.map((p, i) =>
              kit.message(
                batch,
                route,
                p.record,
                froms[i]!,
                p.decoded,
                froms[i]!.attempts + attempt - before,
              ),
            ),
            context,
          ),
        ),
    )
  }
  /** Decodes without a promise when the codec can (the usual case). */
  const decodeSync = (route: Route, record: IncomingRecord): Decoded | Promise<Decoded> => {
    try {
      const decoded = kit.decodeNow(route, record)
      return decoded instanceof Promise
        ? decoded.then(
            (value) => ({ decoded: value }),
            (error: unknown) => ({ error }),
          )
        : { decoded }
    } catch (error) {
      return { error }
    }
  }
  const alone = (batch: PartitionBatch, route: Route) => async (record: IncomingRecord) => {
    const decoded = await kit.decode(route, record)
    if ('error' in decoded)
      return { error: decoded.error, attempts: kit.origin(route, record).attempts, decoded: false }
    return run(batch, route, [{ record, decoded: decoded.decoded }])
  }

  return async (batch: PartitionBatch, route: Route): Promise<void> => {
    const handleAlone = alone(batch, route)
    let part: Part[] = []
    const flush = async (): Promise<boolean> => {
      if (part.length === 0) return true
      const failed = await run(batch, route, part)
      if (failed) {
        if (!batch.isActive()) return false
        for (const { record } of part) {
          if (!(await settleRecord(kit, batch, route, record, handleAlone))) return false
          if (options.commit !== 'auto') kit.done(batch, record.offset)
        }
      }
      if (options.commit !== 'auto') kit.done(batch, part[part.length - 1]!.record.offset)
      part = []
      return true
    }

    for (const record of batch.records) {
      if (!batch.isActive()) return
      if (kit.notYetDue(batch, route, record)) {
        await flush()
        return
      }
      if (options.commit === 'auto') batch.markProcessed(record.offset)
      let decoded = decodeSync(route, record)
      if (decoded instanceof Promise) decoded = await decoded
      if ('decoded' in decoded) {
        part.push({ record, decoded: decoded.decoded })
        continue
      }
      if (!(await flush())) return
      if (!(await settleRecord(kit, batch, route, record, handleAlone))) return
      if (options.commit !== 'auto') kit.done(batch, record.offset)
    }
    await flush()
  }
}
