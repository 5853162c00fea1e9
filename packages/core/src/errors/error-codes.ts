/**
 * Every code a {@link KafkakitError} can carry. One list, so callers can switch on `error.code`
 * exhaustively and documentation can link each code to its meaning: docs/errors.md (at the repository's
 * root) has a section per code, headed by its value (`docs/errors.md#kafkakit_timeout`), saying when it
 * happens, whether it is retriable and what to do. Keep the two in step.
 */
export const ErrorCode = {
  /** An option or argument is missing or invalid; the message names the field. */
  CONFIG: 'KAFKAKIT_CONFIG',
  /** Something the library needs on this machine (Java, Maven, a container runtime) is missing. */
  ENVIRONMENT: 'KAFKAKIT_ENVIRONMENT',
  /** A process the library started (a broker, a registry) failed to start or become ready. */
  START_FAILED: 'KAFKAKIT_START_FAILED',
  /** An operation did not finish within its configured time. */
  TIMEOUT: 'KAFKAKIT_TIMEOUT',
  /** The caller's AbortSignal fired before the operation finished. */
  ABORTED: 'KAFKAKIT_ABORTED',
  /** A client, producer, consumer or admin was used after `stop()`. */
  STOPPED: 'KAFKAKIT_STOPPED',
  /** The operation is not available in this mode or on this transport. */
  UNSUPPORTED: 'KAFKAKIT_UNSUPPORTED',
  /** No broker could be reached. */
  CONNECTION: 'KAFKAKIT_CONNECTION',
  /** A broker answered with an error (the Kafka error name is in `details.kafkaError`). */
  KAFKA: 'KAFKAKIT_KAFKA',
  /** A key, value or header does not match its schema; the message names the path and the rule. */
  VALIDATION: 'KAFKAKIT_VALIDATION',
  /** A value could not be turned into bytes by its serializer. */
  SERIALIZATION: 'KAFKAKIT_SERIALIZATION',
  /** Bytes could not be decoded: wrong magic byte, too short, malformed Avro or JSON, invalid UTF-8. */
  DESERIALIZATION: 'KAFKAKIT_DESERIALIZATION',
  /** The schema registry has no such schema id or subject (not retriable). */
  SCHEMA_NOT_FOUND: 'KAFKAKIT_SCHEMA_NOT_FOUND',
  /** The schema registry could not be reached or failed (retriable). */
  REGISTRY_UNAVAILABLE: 'KAFKAKIT_REGISTRY_UNAVAILABLE',
  /** The schema registry refused a request, e.g. an incompatible or invalid schema (not retriable). */
  SCHEMA_REGISTRY: 'KAFKAKIT_SCHEMA_REGISTRY',
  /** A record is larger than the configured maximum message size (or the broker's). */
  MESSAGE_TOO_LARGE: 'KAFKAKIT_MESSAGE_TOO_LARGE',
  /** The topic does not exist (and the broker does not create topics on demand). */
  UNKNOWN_TOPIC: 'KAFKAKIT_UNKNOWN_TOPIC',
  /** The broker refused the operation on this topic or group to these credentials. */
  AUTHORIZATION: 'KAFKAKIT_AUTHORIZATION',
  /** The producer's buffer is full and it is configured to reject rather than wait. */
  BUFFER_FULL: 'KAFKAKIT_BUFFER_FULL',
  /**
   * The broker refused the credentials: SASL authentication failed (wrong username or password, or a
   * mechanism the listener does not enable). Not retriable.
   */
  AUTHENTICATION: 'KAFKAKIT_AUTHENTICATION',
  /**
   * Another instance took over: a producer with the same transactional id (INVALID_PRODUCER_EPOCH,
   * PRODUCER_FENCED) or a consumer with the same group instance id (FENCED_INSTANCE_ID). This one cannot
   * go on; not retriable.
   */
  FENCED: 'KAFKAKIT_FENCED',
  /**
   * The consumer group rebalanced under a commit: the member lost the partition or its generation is
   * stale (REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID). Retriable: the record is
   * delivered again to the partition's owner after the group settles.
   */
  REBALANCE: 'KAFKAKIT_REBALANCE',
} as const

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]
