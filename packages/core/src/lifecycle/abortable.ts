import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

const ignore = () => undefined

/** The KAFKAKIT_ABORTED error of `operation`, with the signal's reason as its cause. */
export function abortedError(operation: string, signal: AbortSignal): KafkakitError {
  return new KafkakitError(ErrorCode.ABORTED, `${operation} was aborted`, { cause: signal.reason })
}

/** Throws KAFKAKIT_ABORTED when `signal` is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, operation: string): void {
  if (signal?.aborted) throw abortedError(operation, signal)
}

/**
 * `promise`, unless `signal` aborts first: then a KAFKAKIT_ABORTED rejection at once, after `onAbort` ran.
 * The work behind `promise` goes on; its outcome is then dropped (never an unhandled rejection).
 */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  operation: string,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    promise.catch(ignore)
    onAbort?.()
    return Promise.reject(abortedError(operation, signal))
  }
  return new Promise<T>((resolve, reject) => {
    const aborted = () => {
      onAbort?.()
      reject(abortedError(operation, signal))
    }
    signal.addEventListener('abort', aborted, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', aborted)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', aborted)
        reject(error)
      },
    )
  })
}
