import { abortedError } from '@kafkakit/core/internal'

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

  /**
   * Resolves when a send of `count` records may go. An abort of `signal` takes the send out first and
   * rejects with KAFKAKIT_ABORTED (naming `topic`).
   */
  wait(count: number, signal?: AbortSignal, topic?: string): Promise<void> {
    if (this.#draining) return Promise.resolve()
    if (signal?.aborted) return Promise.reject(abortedError(`The send to ${topic}`, signal))
    return new Promise((resolve, reject) => {
      let release: () => void = resolve
      if (signal) {
        const onAbort = () => {
          const index = this.#waiting.indexOf(release)
          if (index >= 0) {
            this.#waiting.splice(index, 1)
            this.#count -= count
          }
          reject(abortedError(`The send to ${topic}`, signal))
        }
        signal.addEventListener('abort', onAbort, { once: true })
        release = () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        }
      }
      this.#waiting.push(release)
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

  /** Releases everything now, and every later send at once (the producer is stopping). */
  drain(): void {
    this.#draining = true
    this.flush()
  }
}
