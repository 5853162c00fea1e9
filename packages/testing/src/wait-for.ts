import { setTimeout as sleep } from 'node:timers/promises'
import { ErrorCode, KafkakitError } from '@kafkakit/core'

export interface WaitForOptions {
  /** Give up after this many ms. Default 30000. */
  readonly timeoutMs?: number
  /** Time between two checks, in ms. Default 100. */
  readonly intervalMs?: number
  /** What was awaited, for the error message. */
  readonly description?: string
  readonly signal?: AbortSignal
  /** An error for which this returns true ends the wait at once, rethrown as it is. */
  readonly isFatal?: (error: unknown) => boolean
}

/**
 * Calls `condition` until it returns a truthy value (which is returned) or the time is up
 * (a KAFKAKIT_TIMEOUT error that says what was awaited and the last error `condition` threw).
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const { timeoutMs = 30_000, intervalMs = 100, description = 'condition', signal, isFatal } = options
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    if (signal?.aborted) {
      throw new KafkakitError(ErrorCode.ABORTED, `Stopped waiting for ${description}: aborted`, {
        cause: signal.reason,
      })
    }
    try {
      const value = await condition()
      if (value) return value as Exclude<T, false | 0 | '' | null | undefined>
      lastError = undefined
    } catch (error) {
      if (isFatal?.(error)) throw error
      lastError = error
    }
    if (Date.now() >= deadline) {
      const last = lastError instanceof Error ? ` (last error: ${lastError.message})` : ''
      throw new KafkakitError(
        ErrorCode.TIMEOUT,
        `Timed out after ${timeoutMs} ms waiting for ${description}${last}`,
        {
          cause: lastError,
        },
      )
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())))
  }
}
