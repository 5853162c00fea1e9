import { type ErrorCode as Code, ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

const connectionErrors = new Set([
  'KafkaJSConnectionError',
  'KafkaJSBrokerNotFound',
  'KafkaJSConnectionClosedError',
])

/** Kafka error names (from the broker) with a kafkakit code of their own, and what to do about them. */
const kafkaErrors: Record<string, { code: Code; hint: string }> = {
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
    code: ErrorCode.AUTHORIZATION,
    hint: 'check the SASL mechanism, username and password',
  },
}

/** Converts anything kafkajs threw into a KafkakitError that says which operation failed and what to do. */
export function fromKafkajsError(error: unknown, operation: string): KafkakitError {
  if (KafkakitError.is(error)) return error
  const root = rootCause(error)
  const name = typeof root === 'object' && root !== null ? (root as Error).name : undefined
  const kafkaError = (root as { type?: unknown } | undefined)?.type
  const reason = root instanceof Error ? root.message : String(root)
  const known = typeof kafkaError === 'string' ? kafkaErrors[kafkaError] : undefined
  const details = typeof kafkaError === 'string' ? { kafkaError } : {}
  if (known) {
    return new KafkakitError(known.code, `${operation} failed: ${reason} (${known.hint})`, {
      cause: error,
      details,
    })
  }
  if (name === 'KafkaJSSASLAuthenticationError') {
    return new KafkakitError(
      ErrorCode.AUTHORIZATION,
      `${operation} failed: ${reason} (${kafkaErrors.SASL_AUTHENTICATION_FAILED!.hint})`,
      {
        cause: error,
        retriable: false,
      },
    )
  }
  if (name === 'KafkaJSRequestTimeoutError' || name === 'KafkaJSTimeout') {
    return new KafkakitError(ErrorCode.TIMEOUT, `${operation} timed out: ${reason}`, {
      cause: error,
      retriable: true,
      details,
    })
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
