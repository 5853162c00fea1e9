import { type ErrorCode as Code, ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

const connectionErrors = new Set([
  'KafkaJSConnectionError',
  'KafkaJSBrokerNotFound',
  'KafkaJSConnectionClosedError',
  'KafkaJSNoBrokerAvailableError',
])

/** kafkajs's own timeouts: a request without an answer in requestTimeoutMs, a wait that gave up. */
const timeoutErrors = new Set(['KafkaJSRequestTimeoutError', 'KafkaJSTimeout', 'KafkaJSLockTimeout'])

interface KnownKafkaError {
  readonly code: Code
  readonly hint: string
  /** Set where kafkakit knows better than the wire client's flag; otherwise the root cause's flag holds. */
  readonly retriable?: boolean
}

const rebalance = (hint: string): KnownKafkaError => ({ code: ErrorCode.REBALANCE, hint, retriable: true })

/** Kafka error names (from the broker) with a kafkakit code of their own, and what to do about them. */
const kafkaErrors: Readonly<Record<string, KnownKafkaError>> = {
  MESSAGE_TOO_LARGE: {
    code: ErrorCode.MESSAGE_TOO_LARGE,
    hint: 'the broker refused a record over its max.message.bytes',
  },
  RECORD_LIST_TOO_LARGE: {
    code: ErrorCode.MESSAGE_TOO_LARGE,
    hint: 'the broker refused a batch over its max.message.bytes',
  },
  UNKNOWN_TOPIC_OR_PARTITION: {
    code: ErrorCode.UNKNOWN_TOPIC,
    hint: 'create the topic first (auto-creation is off)',
  },
  REQUEST_TIMED_OUT: {
    code: ErrorCode.TIMEOUT,
    hint: 'the broker gave up waiting, e.g. for the replicas to acknowledge within ackTimeoutMs',
  },
  TOPIC_AUTHORIZATION_FAILED: {
    code: ErrorCode.AUTHORIZATION,
    hint: 'these credentials may not use this topic',
  },
  GROUP_AUTHORIZATION_FAILED: {
    code: ErrorCode.AUTHORIZATION,
    hint: 'these credentials may not use this consumer group',
  },
  CLUSTER_AUTHORIZATION_FAILED: {
    code: ErrorCode.AUTHORIZATION,
    hint: 'these credentials lack a cluster permission (idempotent writes need IDEMPOTENT_WRITE)',
  },
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: {
    code: ErrorCode.AUTHORIZATION,
    hint: 'these credentials may not use this transactional id',
  },
  SASL_AUTHENTICATION_FAILED: {
    code: ErrorCode.AUTHENTICATION,
    hint: 'check the SASL mechanism, username and password',
    retriable: false,
  },
  UNSUPPORTED_SASL_MECHANISM: {
    code: ErrorCode.AUTHENTICATION,
    hint: "the broker's listener does not enable this SASL mechanism",
    retriable: false,
  },
  ILLEGAL_SASL_STATE: {
    code: ErrorCode.AUTHENTICATION,
    hint: 'the SASL handshake went wrong; check that the address is a SASL listener',
    retriable: false,
  },
  INVALID_PRODUCER_EPOCH: {
    code: ErrorCode.FENCED,
    hint: 'a newer producer with the same transactional id took over, or the transaction outlived transactionTimeoutMs; create a new producer',
  },
  PRODUCER_FENCED: {
    code: ErrorCode.FENCED,
    hint: 'a newer producer with the same transactional id took over; create a new producer',
  },
  TRANSACTION_COORDINATOR_FENCED: {
    code: ErrorCode.FENCED,
    hint: 'a newer transaction coordinator took over; create a new producer',
  },
  FENCED_INSTANCE_ID: {
    code: ErrorCode.FENCED,
    hint: 'another consumer joined with the same group instance id',
  },
  REBALANCE_IN_PROGRESS: rebalance(
    'the group is rebalancing; the record is delivered again once the group settles',
  ),
  ILLEGAL_GENERATION: rebalance(
    'the group rebalanced and this member lost its partitions; the record is delivered again to their new owner',
  ),
  UNKNOWN_MEMBER_ID: rebalance(
    'the group no longer knows this member (its session expired); it rejoins and the record is delivered again',
  ),
}

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
 * `retriable`, unless kafkakit knows better (see {@link kafkaErrors}).
 */
export function fromKafkajsError(error: unknown, operation: string): KafkakitError {
  if (KafkakitError.is(error)) return error
  const root = rootCause(error)
  const name = typeof root === 'object' && root !== null ? (root as Error).name : undefined
  const reason = root instanceof Error ? root.message : String(root)
  const kafkaError = kafkaErrorName(root)
  const known = kafkaError === undefined ? undefined : kafkaErrors[kafkaError]
  const details = kafkaError === undefined ? {} : { kafkaError }
  if (known) {
    return new KafkakitError(known.code, `${operation} failed: ${reason} (${known.hint})`, {
      cause: error,
      details,
      ...(known.retriable === undefined ? {} : { retriable: known.retriable }),
    })
  }
  if (name === 'KafkaJSSASLAuthenticationError') {
    return new KafkakitError(
      ErrorCode.AUTHENTICATION,
      `${operation} failed: ${reason} (${kafkaErrors.SASL_AUTHENTICATION_FAILED!.hint})`,
      { cause: error, retriable: false },
    )
  }
  if (name !== undefined && timeoutErrors.has(name)) {
    return new KafkakitError(ErrorCode.TIMEOUT, `${operation} timed out: ${reason}`, {
      cause: error,
      retriable: true,
      details,
    })
  }
  if (isLostHandshake(root)) {
    return new KafkakitError(
      ErrorCode.TIMEOUT,
      `${operation} timed out: the broker accepted the connection but did not answer its first request within requestTimeoutMs (is it overloaded or stopped, and is the address a Kafka listener?)`,
      { cause: error, retriable: true },
    )
  }
  if (name !== undefined && connectionErrors.has(name)) {
    return new KafkakitError(
      ErrorCode.CONNECTION,
      `${operation} failed: ${reason} (is the broker running and reachable at the configured address?)`,
      { cause: error, retriable: true, details },
    )
  }
  return new KafkakitError(ErrorCode.KAFKA, `${operation} failed: ${reason}`, { cause: error, details })
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
