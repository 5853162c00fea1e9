import type { PartitionAck, ProducerTransport, TransportRecord } from '@kafkakit/core/internal'

interface Entry {
  readonly topic: string
  readonly records: readonly TransportRecord[]
  readonly resolve: (acks: PartitionAck[]) => void
  readonly reject: (error: unknown) => void
}

/**
 * Gathers sends for up to `lingerMs` (or until `batchSize` records) into one request, then gives each send
 * the acknowledgements of its own records: its partitions' base offsets moved past the records of the
 * sends before it in the same request.
 */
export class Linger {
  #entries: Entry[] = []
  #count = 0
  #timer: NodeJS.Timeout | undefined
  #draining = false

  constructor(
    readonly transport: ProducerTransport,
    readonly lingerMs: number,
    readonly batchSize: number,
  ) {}

  add(topic: string, records: readonly TransportRecord[]): Promise<PartitionAck[]> {
    return new Promise((resolve, reject) => {
      this.#entries.push({ topic, records, resolve, reject })
      this.#count += records.length
      if (this.#draining || this.#count >= this.batchSize) this.flush()
      else this.#timer ??= setTimeout(() => this.flush(), this.lingerMs)
    })
  }

  /** Sends what is gathered now, and from now on every send at once (the producer is closing). */
  drain(): void {
    this.#draining = true
    this.flush()
  }

  /** Sends what is gathered now. */
  flush(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const entries = this.#entries
    if (entries.length === 0) return
    this.#entries = []
    this.#count = 0
    const byTopic = new Map<string, TransportRecord[]>()
    for (const entry of entries)
      byTopic.set(entry.topic, [...(byTopic.get(entry.topic) ?? []), ...entry.records])
    this.transport.send([...byTopic].map(([topic, records]) => ({ topic, records }))).then(
      (acks) => {
        const base = new Map(acks.map((ack) => [`${ack.topic}\0${ack.partition}`, ack.baseOffset]))
        const taken = new Map<string, number>()
        for (const entry of entries) {
          const own = new Map<number, number>()
          for (const record of entry.records) own.set(record.partition, (own.get(record.partition) ?? 0) + 1)
          entry.resolve(
            [...own].map(([partition, count]) => {
              const key = `${entry.topic}\0${partition}`
              const before = taken.get(key) ?? 0
              taken.set(key, before + count)
              const first = base.get(key) ?? '-1'
              return {
                topic: entry.topic,
                partition,
                baseOffset: first === '-1' ? '-1' : String(BigInt(first) + BigInt(before)),
              }
            }),
          )
        }
      },
      (error) => {
        for (const entry of entries) entry.reject(error)
      },
    )
  }
}
