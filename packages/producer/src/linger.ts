/**
 * Holds sends back for up to `lingerMs` (or until `batchSize` records wait) and then releases them all in
 * the same tick, so the transport merges them into one request.
 */
export class Linger {
  #waiting: (() => void)[] = []
  #count = 0
  #timer: NodeJS.Timeout | undefined
  #draining = false

  constructor(
    readonly lingerMs: number,
    readonly batchSize: number,
  ) {}

  /** Resolves when a send of `count` records may go. */
  wait(count: number): Promise<void> {
    if (this.#draining) return Promise.resolve()
    return new Promise((resolve) => {
      this.#waiting.push(resolve)
      this.#count += count
      if (this.#count >= this.batchSize) this.flush()
      else this.#timer ??= setTimeout(() => this.flush(), this.lingerMs)
    })
  }

  /** Releases every waiting send now. */
  flush(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const waiting = this.#waiting
    this.#waiting = []
    this.#count = 0
    for (const release of waiting) release()
  }

  /** Releases everything now, and every later send at once (the producer is closing). */
  drain(): void {
    this.#draining = true
    this.flush()
  }
}
