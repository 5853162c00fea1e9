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
  handle: (record: IncomingRecord) => Promise<Failure | undefined>,
): Promise<boolean> {
  for (;;) {
    const failure = await handle(record)
    if (!failure) return true
    if (!batch.isActive()) return false
    const settled = await kit.settle(batch, route, record, failure)
    if (settled === 'forwarded') return true
    if (settled === 'inactive') return false
  }
}

/** Processes a batch one record at a time, in order (the `handler` mode). */
export function recordByRecord(
  kit: PartitionKit,
  options: Readonly<ResolvedConsumerOptions>,
  handler: RecordHandler,
) {
  const context: HandlerContext = { signal: kit.signal }
  const handle = (batch: PartitionBatch, route: Route) => async (record: IncomingRecord) => {
    const from = kit.origin(route, record)
    const decoded = await kit.decode(route, record)
    if ('error' in decoded) return { error: decoded.error, attempts: from.attempts, decoded: false }
    return kit.attempts(batch, [record], from.attempts, (attempt) =>
      kit.invoke(route, record, attempt, () =>
        handler(kit.message(batch, route, record, from, decoded.decoded, attempt), context),
      ),
    )
  }
  return async (batch: PartitionBatch, route: Route): Promise<void> => {
    const handleRecord = handle(batch, route)
    let sinceCheck = 0
    for (const record of batch.records) {
      if (!batch.isActive() || kit.notYetDue(batch, route, record)) return
      if (options.commit === 'auto') batch.markProcessed(record.offset)
      if (!(await settleRecord(kit, batch, route, record, handleRecord))) return
      // Fetching goes on after the record; unless commit is 'manual', the next commit moves past it too.
      if (options.commit !== 'auto') kit.done(batch, record.offset)
      if (++sinceCheck >= COMMIT_CHECK_EVERY) {
        sinceCheck = 0
        await batch.heartbeat().catch(() => undefined)
        if (options.commit !== 'manual' && batch.isActive()) await batch.commitIfDue()
      }
    }
  }
}

/**
 * Processes a batch with the batch handler: the records that decode go to it together, in order (a
 * record that cannot be decoded splits the batch and is dead-lettered between the parts). When the
 * handler fails every in-place attempt, the records are settled one by one (retry topic, dead-letter
 * topic, or waiting) without running the handler again.
 */
export function batchByBatch(
  kit: PartitionKit,
  options: Readonly<ResolvedConsumerOptions>,
  handler: BatchHandler,
) {
  const context: HandlerContext = { signal: kit.signal }
  return async (batch: PartitionBatch, route: Route): Promise<void> => {
    let part: { record: IncomingRecord; decoded: DecodedRecord<AnyTopic> }[] = []

    const flush = async (): Promise<boolean> => {
      if (part.length === 0) return true
      const records = part.map((p) => p.record)
      const froms = records.map((record) => kit.origin(route, record))
      const before = Math.min(...froms.map((f) => f.attempts))
      const failure = await kit.attempts(batch, records, before, (attempt) =>
        kit.invoke(route, records[records.length - 1]!, attempt, () =>
          handler(
            part.map((p, i) =>
              kit.message(batch, route, p.record, froms[i]!, p.decoded, froms[i]!.attempts + attempt - before),
            ),
            context,
          ),
        ),
      )
      if (failure) {
        if (!batch.isActive()) return false
        for (const [i, record] of records.entries()) {
          const own: Failure = { ...failure, attempts: froms[i]!.attempts + failure.attempts - before }
          // A held record (no dead-letter topic) gets the whole batch handler again, alone.
          const settled = await settleRecordOnce(record, own)
          if (!settled) return false
        }
      }
      if (options.commit !== 'auto') kit.done(batch, records[records.length - 1]!.offset)
      part = []
      return true
    }

    const settleRecordOnce = (record: IncomingRecord, failure: Failure) => {
      let first: Failure | undefined = failure
      return settleRecord(kit, batch, route, record, async (r) => {
        if (first) {
          const f = first
          first = undefined
          return f
        }
        const decoded = await kit.decode(route, r)
        if ('error' in decoded) return { error: decoded.error, attempts: failure.attempts, decoded: false }
        const from = kit.origin(route, r)
        return kit.attempts(batch, [r], failure.attempts, (attempt) =>
          kit.invoke(route, r, attempt, () =>
            handler([kit.message(batch, route, r, from, decoded.decoded, attempt)], context),
          ),
        )
      })
    }

    for (const record of batch.records) {
      if (!batch.isActive()) return
      if (kit.notYetDue(batch, route, record)) {
        await flush()
        return
      }
      if (options.commit === 'auto') batch.markProcessed(record.offset)
      const decoded = await kit.decode(route, record)
      if ('decoded' in decoded) {
        part.push({ record, decoded: decoded.decoded })
        continue
      }
      if (!(await flush())) return
      const poison: Failure = { error: decoded.error, attempts: kit.origin(route, record).attempts, decoded: false }
      if (!(await settleRecordOnce(record, poison))) return
      if (options.commit !== 'auto') kit.done(batch, record.offset)
    }
    await flush()
  }
}
