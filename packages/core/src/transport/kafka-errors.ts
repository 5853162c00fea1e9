/** The Kafka errors every transport maps the same way, and the one builder of a transport's KafkakitError. */

import { type ErrorCode as Code, ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

interface KnownKafkaError {
  readonly code: Code
  readonly hint: string
  /** Set where kafkakit knows better than the wire client's flag; otherwise the root cause's flag holds. */
  readonly retriable?: boolean
}

const rebalance = (hint: string): KnownKafkaError => ({ code: ErrorCode.REBALANCE, hint, retriable: true })

/** Kafka error names (from the broker) with a kafkakit code of their own, and what to do about them. */
export const kafkaErrors: Readonly<Record<string, KnownKafkaError>> = {
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

/** What a transport found at the root of a failure of its client library. */
export interface RootCause {
  /**
   * kafka: the broker answered with an error (`kafkaError` names it) or the library failed otherwise;
   * connection: no connection to a broker; timeout: no answer in time; authentication: SASL failed.
   */
  readonly kind: 'kafka' | 'connection' | 'timeout' | 'authentication'
  /** The Kafka error name, e.g. NOT_LEADER_OR_FOLLOWER. */
  readonly kafkaError?: string | undefined
  /** The root cause's message. */
  readonly reason: string
  /** The root cause's own flag; when absent, the cause chain's `retriable` flags decide. */
  readonly retriable?: boolean | undefined
}

/**
 * The KafkakitError for a failure of `operation` whose root cause a transport has taken apart: the code and
 * hint from the Kafka error name where kafkakit knows it, else from the kind. Timeouts and lost connections
 * are retriable, failed authentication is not.
 */
export function toKafkakitError(operation: string, cause: unknown, root: RootCause): KafkakitError {
  const { kafkaError, reason } = root
  const details = kafkaError === undefined ? {} : { kafkaError }
  const flag = root.retriable === undefined ? {} : { retriable: root.retriable }
  const known = kafkaError === undefined ? undefined : kafkaErrors[kafkaError]
  if (known) {
    return new KafkakitError(known.code, `${operation} failed: ${reason} (${known.hint})`, {
      cause,
      details,
      ...(known.retriable === undefined ? flag : { retriable: known.retriable }),
    })
  }
  switch (root.kind) {
    case 'authentication':
      return new KafkakitError(
        ErrorCode.AUTHENTICATION,
        `${operation} failed: ${reason} (${kafkaErrors.SASL_AUTHENTICATION_FAILED!.hint})`,
        { cause, retriable: false, details },
      )
    case 'timeout':
      return new KafkakitError(ErrorCode.TIMEOUT, `${operation} timed out: ${reason}`, {
        cause,
        retriable: true,
        details,
      })
    case 'connection':
      return new KafkakitError(
        ErrorCode.CONNECTION,
        `${operation} failed: ${reason} (is the broker running and reachable at the configured address?)`,
        { cause, retriable: true, details },
      )
    case 'kafka':
      return new KafkakitError(ErrorCode.KAFKA, `${operation} failed: ${reason}`, { cause, details, ...flag })
  }
}
