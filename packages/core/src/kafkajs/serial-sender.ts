import type { Logger } from '../logging/logger.js'
import type { PartitionAck, TopicRecords, TransportRecord } from '../transport/producer-transport.js'

interface Entry {
  readonly batches: readonly TopicRecords[]
  readonly resolve: (acks: PartitionAck[]) => void
  readonly reject: (error: unknown) => void
}

/** Its then() runs a callback a microtask later (cheaper than queueMicrotask, which tracks async context). */
const microtask = Promise.resolve()

/** Records one request carries at most when queued sends are merged. */
const MAX_RECORDS_PER_REQUEST = 10_000

/**
 * One produce request in flight at a time; sends that arrive meanwhile are merged into the next request,
 * as the Java producer's accumulator does.
 *
 * kafkajs's idempotent producer assigns and rolls back sequence numbers per request; with several requests
 * for one partition in flight across a leader change, the rollbacks interleave and the broker answers
 * OUT_OF_ORDER_SEQUENCE_NUMBER to every later send (seen here: a thousand failed sends after one SIGKILL).
 * Serialising requests keeps one batch per partition in flight, so sequences stay in order; merging keeps
 * the throughput. Each send gets the acknowledgements of its own records.
 */
export class SerialSender {
  readonly #queue: Entry[] = []
  #busy = false

  constructor(
    readonly sendNow: (batches: readonly TopicRecords[]) => Promise<PartitionAck[]>,
    readonly afterFailure: (error: unknown) => Promise<void>,
    readonly logger: Logger,
    /**
     * Wait a microtask before sending from idle, so that the sends of one tick (a released linger) share
     * the first request. Without it a send from idle goes at once.
     */
    readonly gatherSameTick = false,
  ) {}

  send(batches: readonly TopicRecords[]): Promise<PartitionAck[]> {
    if (!this.#busy && !this.gatherSameTick) {
      // Idle: this send is the request (sends that come while it is in flight are merged into the next).
      this.#busy = true
      const sent = this.#request(batches)
      sent.then(this.#next, this.#recover)
      return sent
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ batches, resolve, reject })
      if (!this.#busy) {
        this.#busy = true
        void microtask.then(this.#next)
      }
    })
  }

  #request(batches: readonly TopicRecords[]): Promise<PartitionAck[]> {
    try {
      return this.sendNow(batches)
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /** After a failed request: reset what needs resetting, then go on with the queue. */
  readonly #recover = (error: unknown): void => {
    this.afterFailure(error)
      .catch((resetError) =>
        this.logger.warn(
          { error: (resetError as Error).message },
          'resetting the producer after a failed send failed',
        ),
      )
      .then(this.#next)
  }

  /** Sends what is queued as one request, then the next; idle once the queue is empty. */
  readonly #next = (): void => {
    if (this.#queue.length === 0) {
      this.#busy = false
      return
    }
    const entries = this.#take()
    // Callbacks rather than an async loop: this runs once per request, and every await costs a promise.
    this.#request(merge(entries)).then(
      (acks) => {
        for (const [entry, own] of splitAcks(entries, acks)) entry.resolve(own)
        this.#next()
      },
      (error: unknown) => {
        for (const entry of entries) entry.reject(error)
        this.#recover(error)
      },
    )
  }

  #take(): Entry[] {
    if (this.#queue.length === 1) return [this.#queue.pop()!]
    const taken: Entry[] = []
    let records = 0
    while (this.#queue.length > 0) {
      const size = this.#queue[0]!.batches.reduce((sum, b) => sum + b.records.length, 0)
      if (taken.length > 0 && records + size > MAX_RECORDS_PER_REQUEST) break
      taken.push(this.#queue.shift()!)
      records += size
    }
    return taken
  }
}

function merge(entries: readonly Entry[]): readonly TopicRecords[] {
  if (entries.length === 1) return entries[0]!.batches
  const byTopic = new Map<string, TransportRecord[]>()
  for (const entry of entries) {
    for (const batch of entry.batches) {
      const records = byTopic.get(batch.topic)
      if (records) records.push(...batch.records)
      else byTopic.set(batch.topic, [...batch.records])
    }
  }
  return [...byTopic].map(([topic, records]) => ({ topic, records }))
}

/**
 * Gives each merged send the acknowledgements of its own records: a partition's base offset moved past
 * the records that earlier sends put into the same request.
 */
export function splitAcks(entries: readonly Entry[], acks: PartitionAck[]): [Entry, PartitionAck[]][] {
  // A request of one send: its acknowledgements are all its own.
  if (entries.length === 1) return [[entries[0]!, acks]]
  const base = new Map(acks.map((ack) => [`${ack.topic}\0${ack.partition}`, ack.baseOffset]))
  const taken = new Map<string, number>()
  return entries.map((entry) => {
    const own: PartitionAck[] = []
    for (const batch of entry.batches) {
      const counts = new Map<number, number>()
      for (const record of batch.records)
        counts.set(record.partition, (counts.get(record.partition) ?? 0) + 1)
      for (const [partition, count] of counts) {
        const key = `${batch.topic}\0${partition}`
        const before = taken.get(key) ?? 0
        taken.set(key, before + count)
        const first = base.get(key) ?? '-1'
        own.push({
          topic: batch.topic,
          partition,
          baseOffset: first === '-1' ? '-1' : String(BigInt(first) + BigInt(before)),
        })
      }
    }
    return [entry, own]
  })
}
