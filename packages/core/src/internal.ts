/**
 * For kafkakit's own packages only: no semver promise. Applications import from '@kafkakit/core'.
 */
export type { ConnectionOptions, ResolvedConnectionOptions } from './client/connection-options.js'
export { type ClientInternals, clientInternals } from './client/create-client.js'
export { createKafkajsAdmin as createAdmin } from './kafkajs/kafkajs-admin.js'
export { abortable, abortedError, throwIfAborted } from './lifecycle/abortable.js'
export { SharedAttempt } from './lifecycle/shared-attempt.js'
export { redact } from './logging/logger.js'
export { bootstrapFromEnv } from './options/bootstrap-from-env.js'
export { parseOptions } from './options/parse-options.js'
export { endSpan } from './telemetry/end-span.js'
export { isTracingRegistered } from './telemetry/is-tracing-registered.js'
export { Attr, MESSAGING_SYSTEM_KAFKA, OperationType, TRACER_NAME } from './telemetry/semantic-conventions.js'
export { extractTraceContext, injectTraceContext } from './telemetry/trace-context.js'
export type {
  ConsumerTransport,
  ConsumerTransportOptions,
  IncomingRecord,
  PartitionBatch,
} from './transport/consumer-transport.js'
export type {
  Acks,
  Compression,
  GroupMetadata,
  PartitionAck,
  ProducerTransport,
  ProducerTransportOptions,
  TopicRecords,
  TransportRecord,
  TransportTransaction,
} from './transport/producer-transport.js'
export {
  defineTransport,
  type GroupProtocol,
  isTransport,
  type TransportCapabilities,
  type TransportInternals,
  transportInternals,
} from './transport/transport.js'
