import { abortable } from './abortable.js'

/**
 * One attempt at something slow (a connection) that several calls wait for. A call's AbortSignal ends only
 * its own wait; once every waiting call has aborted before the attempt settled, the attempt is abandoned:
 * `onAbandon` runs (the owner undoes what the attempt leaves behind once it settles) and the owner starts
 * a new attempt for the next call. A call without a signal waits to the end, and so keeps the attempt.
 */
export class SharedAttempt<T> {
  readonly promise: Promise<T>
  readonly #onAbandon: () => void
  #waiting = 0
  #settled = false
  #abandoned = false

  constructor(promise: Promise<T>, onAbandon: () => void) {
    this.promise = promise
    this.#onAbandon = onAbandon
    const settle = () => {
      this.#settled = true
    }
    promise.then(settle, settle)
  }

  /** True once every caller gave up on it: start a new attempt. */
  get abandoned(): boolean {
    return this.#abandoned
  }

  /** Waits for the attempt, or until `signal` aborts (KAFKAKIT_ABORTED naming `operation`). */
  join(signal: AbortSignal | undefined, operation: string): Promise<T> {
    this.#waiting++
    return abortable(this.promise, signal, operation, () => {
      this.#waiting--
      if (this.#waiting === 0 && !this.#settled && !this.#abandoned) {
        this.#abandoned = true
        this.#onAbandon()
      }
    })
  }
}
