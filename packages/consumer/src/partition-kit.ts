import { setTimeout as sleep } from 'node:timers/promises'
import type { AnyTopic, DecodedRecord, KafkaClient, Logger, TopicCodec } from '@kafkakit/core'
import {
  type ClientInternals,
  type ConsumerTransport,
  type IncomingRecord,
  isTracingRegistered,
  type PartitionBatch,
  type ProducerTransport,
} from '@kafkakit/core/internal'
import { backoffDelay } from './backoff.js'
import type { ConsumedMessage } from './consumed-message.js'
import type { ResolvedConsumerOptions } from './consumer-options.js'
import { type FailureStep, failureStep, type Route } from './consumer-routes.js'
import { type ForwardOptions, forwardRecord, type RecordOrigin, recordOrigin } from './dead-letter.js'
import { isNonRetriable } from './non-retriable.js'
import { inProcessSpan } from './process-span.js'

/** A record whose attempts at its current stage all failed. */
export interface Failure {
  readonly error: unknown
  /** Handler runs in all, across retry topics (the origin's count when it could not be decoded). */
  readonly attempts: number
  /** False when the record could not be decoded (a poison pill: straight to the dead-letter topic). */
  readonly decoded: boolean
}

export type Decoded = { readonly decoded: DecodedRecord<AnyTopic> } | { readonly error: unknown }

/** What settling a failed record came to. */
export type Settled = 'forwarded' | 'hold' | 'inactive'

export type PartitionKit = ReturnType<typeof createPartitionKit>

/**
 * What every processing mode shares: decoding, building messages, running the handler in its span,
 * waiting with heartbeats, pausing a partition until a retry record is due, and forwarding a failed
 * record to a retry or dead-letter topic.
 */
export function createPartitionKit(deps: {
  readonly client: KafkaClient
  readonly internals: ClientInternals
  readonly options: Readonly<ResolvedConsumerOptions>
  readonly transport: ConsumerTransport
  readonly signal: AbortSignal
}) {
  const { client, options, transport } = deps
  const logger: Logger = client.logger
  const { groupId, retry } = options
  const telemetry = options.telemetry && !deps.internals.transport.isInstrumented()
  const resumeTimers = new Set<NodeJS.Timeout>()
  let forwarder: ProducerTransport | undefined
  let stopped = false

  const manual = options.commit === 'manual'

  const where = (record: IncomingRecord) => ({
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
  })

  const commitsItself = options.commit !== 'manual' && !options.exactlyOnce

  /**
   * Waits `ms` while keeping the group membership alive, and committing what was processed before when
   * the commit interval says so; returns early when the batch goes inactive.
   */
  async function wait(batch: PartitionBatch, ms: number): Promise<void> {
    const until = Date.now() + ms
    while (Date.now() < until && batch.isActive()) {
      await sleep(Math.min(options.heartbeatIntervalMs, until - Date.now()))
      await batch.heartbeat().catch(() => undefined)
      if (commitsItself && batch.isOwned()) batch.commitIfDue()
    }
  }

  /** Marks the record processed, unless the partition was revoked meanwhile (its offsets are not ours). */
  function done(batch: PartitionBatch, offset: string): void {
    if (batch.isOwned()) batch.markProcessed(offset)
  }

  const origin = (route: Route, record: IncomingRecord): RecordOrigin =>
    route.stage === 0
      ? {
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
          timestamp: record.timestamp,
          attempts: 0,
          dueMs: 0,
        }
      : recordOrigin(record)

  /**
   * For a retry-topic record that is not yet due: pauses its partition until it is (other partitions go
   * on) and returns true. Fetching resumes after the last processed record, so it comes back then.
   */
  function notYetDue(batch: PartitionBatch, route: Route, record: IncomingRecord): boolean {
    if (route.stage === 0) return false
    const delay = recordOrigin(record).dueMs - Date.now()
    if (delay <= 0) return false
    transport.pause(batch.topic, batch.partition)
    const timer = setTimeout(() => {
      resumeTimers.delete(timer)
      if (!stopped) transport.resume(batch.topic, batch.partition)
    }, delay)
    resumeTimers.add(timer)
    return true
  }

  const codecs = new Map<AnyTopic, TopicCodec<AnyTopic>>()

  /** Decodes a record: synchronously once the topic's codec is bound, unless its serde must fetch a schema. */
  function decodeNow(
    route: Route,
    record: IncomingRecord,
  ): DecodedRecord<AnyTopic> | Promise<DecodedRecord<AnyTopic>> {
    const codec = codecs.get(route.topic)
    if (codec) return codec.decode(record)
    return client.codec(route.topic).then((bound) => {
      codecs.set(route.topic, bound)
      return bound.decode(record)
    })
  }

  async function decode(route: Route, record: IncomingRecord): Promise<Decoded> {
    try {
      return { decoded: await decodeNow(route, record) }
    } catch (error) {
      return { error }
    }
  }

  function message(
    batch: PartitionBatch,
    route: Route,
    record: IncomingRecord,
    /** Where the record came from; undefined: it is its own origin (read from the topic itself). */
    from: RecordOrigin | undefined,
    decoded: DecodedRecord<AnyTopic>,
    attempt: number,
  ): ConsumedMessage<AnyTopic> {
    const origin = from ?? record
    const message: Record<string, unknown> = {
      topic: route.topic.name,
      partition: origin.partition,
      offset: origin.offset,
      timestamp: new Date(Number(origin.timestamp)),
      key: decoded.key,
      value: decoded.value,
      headers: decoded.headers,
      rawHeaders: decoded.rawHeaders,
      attempt,
    }
    // Only a manual-commit consumer's messages have commit() (ManualCommitMessage), in type and in fact.
    if (manual) message.commit = () => batch.commit(record.offset)
    return message as ConsumedMessage<AnyTopic>
  }

  /** Runs one handler call, in a `process {topic}` span when telemetry is on and an SDK is registered. */
  function invoke<R>(
    route: Route,
    record: IncomingRecord,
    attempt: number,
    call: () => R,
  ): R | Promise<Awaited<R>> {
    return telemetry && isTracingRegistered()
      ? inProcessSpan(route.topic.name, groupId, record, attempt, call)
      : call()
  }

  /**
   * Calls `run(attempt)` until it succeeds or the in-place attempts are used up (exponential backoff with
   * jitter in between); returns the last failure, or undefined on success.
   */
  async function attempts(
    batch: PartitionBatch,
    records: readonly IncomingRecord[],
    before: number,
    run: (attempt: number) => unknown,
    /** The first attempt was made already, and failed with this. */
    firstFailed?: { readonly error: unknown },
  ): Promise<Failure | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (attempt === 1 && firstFailed) throw firstFailed.error
        await run(before + attempt)
        return undefined
      } catch (error) {
        if (attempt >= retry.attempts || isNonRetriable(error) || !batch.isActive())
          return { error, attempts: before + attempt, decoded: true }
        logger.warn(
          {
            ...where(records[0]!),
            records: records.length,
            attempt: before + attempt,
            error: (error as Error).message,
          },
          'handler failed; retrying',
        )
        await wait(batch, backoffDelay(attempt, retry))
      }
    }
  }

  const step = (route: Route, failure: Failure): FailureStep => failureStep(options, route, failure)

  /** The partition a forwarded record goes to: its own partition number, wrapped to the target's count. */
  async function forwardPartition(target: string, record: IncomingRecord): Promise<number> {
    forwarder ??= deps.internals.transport.producer(deps.internals.options, {
      idempotent: true,
      acks: -1,
      compression: 'none',
      ackTimeoutMs: 30_000,
    })
    return record.partition % (await forwarder.partitionCount(target))
  }

  /** The forward copy of a failed record (see forwardRecord), for `target`. */
  async function forwardCopy(
    step: FailureStep & { target: string },
    record: IncomingRecord,
    failure: Failure,
  ) {
    const forward: ForwardOptions = {
      error: failure.error,
      groupId,
      attempts: failure.attempts,
      partition: await forwardPartition(step.target, record),
      ...(step.kind === 'retry' ? { dueMs: Date.now() + step.delayMs } : {}),
    }
    return forwardRecord(record, forward)
  }

  function logForward(record: IncomingRecord, step: FailureStep, failure: Failure): void {
    if (step.kind === 'hold') return
    const fields = { ...where(record), to: step.target, attempts: failure.attempts }
    if (step.kind === 'retry') logger.info(fields, 'record moved to its retry topic')
    else logger.warn({ ...fields, error: (failure.error as Error).message }, 'record dead-lettered')
  }

  /**
   * Sends a failed record on to its retry or dead-letter topic and waits for the acknowledgement; while
   * the write fails the partition waits and retries (its offset is not committed). 'hold' when there is
   * no dead-letter topic: the caller stays on the record.
   */
  async function settle(
    batch: PartitionBatch,
    route: Route,
    record: IncomingRecord,
    failure: Failure,
  ): Promise<Settled> {
    const next = step(route, failure)
    if (next.kind === 'hold') {
      logger.error(
        { ...where(record), error: (failure.error as Error).message },
        'record failed every attempt and there is no dead-letter topic: the partition waits on it',
      )
      await wait(batch, retry.maxDelayMs)
      return batch.isActive() ? 'hold' : 'inactive'
    }
    for (let attempt = 1; batch.isActive(); attempt++) {
      try {
        const copy = await forwardCopy(next, record, failure)
        await forwarder!.send([{ topic: next.target, records: [copy] }])
        logForward(record, next, failure)
        return 'forwarded'
      } catch (writeError) {
        logger.error(
          { ...where(record), to: next.target, error: (writeError as Error).message },
          'forwarding a failed record failed; the partition waits and retries',
        )
        await wait(batch, backoffDelay(attempt, retry))
      }
    }
    return 'inactive'
  }

  return {
    logger,
    wait,
    done,
    origin,
    notYetDue,
    decode,
    decodeNow,
    message,
    invoke,
    attempts,
    step,
    forwardCopy,
    logForward,
    settle,
    signal: deps.signal,
    async stop() {
      stopped = true
      for (const timer of resumeTimers) clearTimeout(timer)
      resumeTimers.clear()
      await forwarder?.disconnect().catch(() => undefined)
    },
  }
}
