const marker = Symbol.for('kafkakit.nonRetriable')

/**
 * Wraps an error so the consumer skips the remaining in-place retries (and goes straight to the
 * dead-letter topic, when there is one): `throw nonRetriable(new Error('unknown customer'))`.
 */
export function nonRetriable<E extends Error>(error: E): E {
  Object.defineProperty(error, marker, { value: true })
  return error
}

/** True for errors marked by nonRetriable(). */
export function isNonRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true
}
