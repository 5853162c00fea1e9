import { KafkakitError } from '../errors/kafkakit-error.js'
import { kafkaErrors, toKafkakitError } from '../transport/kafka-errors.js'

const connectionErrors = new Set([
  'KafkaJSConnectionError',
  'KafkaJSBrokerNotFound',
  'KafkaJSConnectionClosedError',
  'KafkaJSNoBrokerAvailableError',
])

/** kafkajs's own timeouts: a request without an answer in requestTimeoutMs, a wait that gave up. */
const timeoutErrors = new Set(['KafkaJSRequestTimeoutError', 'KafkaJSTimeout', 'KafkaJSLockTimeout'])

/** Kafka error codes newer than kafkajs 2.2.4's table, which it reports as "Unknown error code N". */
const newerKafkaErrors: Readonly<Record<string, string>> = { 90: 'PRODUCER_FENCED' }

/** The Kafka error name of a broker answer, also for codes kafkajs does not know. */
function kafkaErrorName(root: unknown): string | undefined {
  const type = (root as { type?: unknown } | undefined)?.type
  if (typeof type !== 'string') return undefined
  if (type !== 'KAFKAJS_UNKNOWN_ERROR_CODE') return type
  const number = /Unknown error code (-?\d+)/.exec((root as Error).message ?? '')?.[1]
  return (number !== undefined && newerKafkaErrors[number]) || type
}

/**
 * kafkajs's broker handshake: when its first request (ApiVersions) on a new connection goes unanswered
 * (for requestTimeoutMs, or connectionTimeoutMs if that is longer), kafkajs keeps the open connection without the handshake's result, and every
 * retry then fails at once with this plain Error, without a cause: the timeout itself is lost. A broker
 * that accepts connections and never answers (overloaded, stopped with SIGSTOP, a black hole behind a
 * proxy) ends here.
 */
const isLostHandshake = (root: unknown) =>
  root instanceof Error && root.constructor === Error && root.message === 'Broker not connected'

/**
 * Converts anything kafkajs threw into a KafkakitError that says which operation failed and what to do.
 * The code comes from the root cause (kafkajs wraps the broker's answer in its retry errors), and so does
 * `retriable`, unless kafkakit knows better (see kafka-errors.ts).
 */
export function fromKafkajsError(error: unknown, operation: string): KafkakitError {
  if (KafkakitError.is(error)) return error
  const root = rootCause(error)
  const name = typeof root === 'object' && root !== null ? (root as Error).name : undefined
  const reason = root instanceof Error ? root.message : String(root)
  const kafkaError = kafkaErrorName(root)
  if (kafkaError !== undefined && kafkaErrors[kafkaError]) {
    return toKafkakitError(operation, error, { kind: 'kafka', kafkaError, reason })
  }
  if (name === 'KafkaJSSASLAuthenticationError') {
    return toKafkakitError(operation, error, { kind: 'authentication', reason })
  }
  if (name !== undefined && timeoutErrors.has(name)) {
    return toKafkakitError(operation, error, { kind: 'timeout', kafkaError, reason })
  }
  if (isLostHandshake(root)) {
    return toKafkakitError(operation, error, {
      kind: 'timeout',
      reason:
        'the broker accepted the connection but did not answer its first request within requestTimeoutMs (is it overloaded or stopped, and is the address a Kafka listener?)',
    })
  }
  if (name !== undefined && connectionErrors.has(name)) {
    return toKafkakitError(operation, error, { kind: 'connection', kafkaError, reason })
  }
  return toKafkakitError(operation, error, { kind: 'kafka', kafkaError, reason })
}

/** The innermost error: kafkajs chains them through `cause` (retries) or `originalError` (some wrappers). */
function rootCause(error: unknown): unknown {
  let current = error
  for (let depth = 0; depth < 16; depth++) {
    const link = current as { originalError?: unknown; cause?: unknown } | undefined
    const next = link?.cause ?? link?.originalError
    if (next === undefined || next === null) return current
    current = next
  }
  return current
}
