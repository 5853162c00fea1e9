import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { throwIfAborted } from '@kafkakit/core/internal'

/**
 * Counts records accepted but not yet acknowledged. When a send would pass the limit it waits for room
 * (in arrival order) or is rejected with KAFKAKIT_BUFFER_FULL, as configured: never dropped silently.
 */
export class RecordBuffer {
  #used = 0
  readonly #waiting: { count: number; admit: () => void }[] = []

  constructor(
    readonly limit: number,
    readonly onFull: 'wait' | 'reject',
    readonly timeoutMs: number,
  ) {}

  get used(): number {
    return this.#used
  }

  /** Takes room for `count` records if there is some now (no waiting, no promise). */
  tryAcquire(count: number): boolean {
    if (this.#waiting.length > 0 || this.#used + Math.min(count, this.limit) > this.limit) return false
    this.#used += count
    return true
  }

  async acquire(count: number, signal?: AbortSignal): Promise<void> {
    const needed = Math.min(count, this.limit)
    if (this.tryAcquire(count)) return
    throwIfAborted(signal, 'The send')
    if (this.onFull === 'reject') {
      throw new KafkakitError(
        ErrorCode.BUFFER_FULL,
        `The producer buffer is full (${this.#used} of ${this.limit} records unacknowledged); retry later or raise maxBufferedRecords`,
        { retriable: true, details: { used: this.#used, limit: this.limit } },
      )
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        count: needed,
        admit: () => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
          this.#used += count
          resolve()
        },
      }
      const leave = (error: KafkakitError) => {
        this.#waiting.splice(this.#waiting.indexOf(entry), 1)
        reject(error)
      }
      const timer = setTimeout(
        () =>
          leave(
            new KafkakitError(
              ErrorCode.BUFFER_FULL,
              `The producer buffer stayed full for ${this.timeoutMs} ms (bufferTimeoutMs)`,
              {
                retriable: true,
              },
            ),
          ),
        this.timeoutMs,
      )
      const onAbort = () => {
        clearTimeout(timer)
        leave(
          new KafkakitError(ErrorCode.ABORTED, 'The send was aborted while waiting for buffer room', {
            cause: signal?.reason,
          }),
        )
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiting.push(entry)
    })
  }

  release(count: number): void {
    this.#used -= count
    while (this.#waiting.length > 0 && this.#used + this.#waiting[0]!.count <= this.limit) {
      this.#waiting.shift()!.admit()
    }
  }
}
