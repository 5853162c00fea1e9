import type { ErrorCode } from './error-codes.js'

const brand = Symbol.for('kafkakit.error')

export interface KafkakitErrorOptions {
  /** The error this one wraps; its `retriable` flag (or its causes') decides retriability when none is given. */
  readonly cause?: unknown
  /** Whether retrying the same operation may succeed. Default: taken from the root cause, else false. */
  readonly retriable?: boolean
  /** Machine-readable context (never payload bytes or credentials). */
  readonly details?: Readonly<Record<string, unknown>>
}

/**
 * The one error type kafkakit throws. Check it with {@link KafkakitError.is}, which also recognises
 * errors from a second copy of the package (a `Symbol.for` brand, not `instanceof`).
 */
export class KafkakitError extends Error {
  override readonly name = 'KafkakitError'
  readonly code: ErrorCode
  readonly retriable: boolean
  readonly details: Readonly<Record<string, unknown>>

  constructor(code: ErrorCode, message: string, options: KafkakitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.retriable = options.retriable ?? retriableFromCause(options.cause) ?? false
    this.details = Object.freeze({ ...options.details })
    Object.defineProperty(this, brand, { value: true })
  }

  /** True when `value` is a KafkakitError (from any copy of kafkakit), optionally with the given code. */
  static is(value: unknown, code?: ErrorCode): value is KafkakitError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[brand] === true &&
      (code === undefined || (value as KafkakitError).code === code)
    )
  }
}

/** The `retriable` flag of the deepest error in a cause chain that has one. */
function retriableFromCause(cause: unknown): boolean | undefined {
  let found: boolean | undefined
  let current = cause
  for (let depth = 0; depth < 16 && typeof current === 'object' && current !== null; depth++) {
    const flag = (current as { retriable?: unknown }).retriable
    if (typeof flag === 'boolean') found = flag
    current = (current as { cause?: unknown }).cause
  }
  return found
}
