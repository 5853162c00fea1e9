/**
 * Every OpenTelemetry attribute name and value kafkakit uses, from the messaging semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/messaging/kafka/). One place, so a convention change is one edit.
 */
export const Attr = {
  MESSAGING_SYSTEM: 'messaging.system',
  MESSAGING_OPERATION_TYPE: 'messaging.operation.type',
  MESSAGING_OPERATION_NAME: 'messaging.operation.name',
  MESSAGING_DESTINATION_NAME: 'messaging.destination.name',
  MESSAGING_DESTINATION_PARTITION_ID: 'messaging.destination.partition.id',
  MESSAGING_CONSUMER_GROUP_NAME: 'messaging.consumer.group.name',
  MESSAGING_CLIENT_ID: 'messaging.client.id',
  MESSAGING_BATCH_MESSAGE_COUNT: 'messaging.batch.message_count',
  MESSAGING_MESSAGE_BODY_SIZE: 'messaging.message.body.size',
  MESSAGING_KAFKA_MESSAGE_KEY: 'messaging.kafka.message.key',
  MESSAGING_KAFKA_OFFSET: 'messaging.kafka.offset',
  MESSAGING_KAFKA_MESSAGE_TOMBSTONE: 'messaging.kafka.message.tombstone',
  /** kafkakit's own (the conventions have none): which attempt at handling the record this is, from 1. */
  KAFKAKIT_ATTEMPT: 'kafkakit.attempt',
  SERVER_ADDRESS: 'server.address',
  SERVER_PORT: 'server.port',
  ERROR_TYPE: 'error.type',
} as const

export const MESSAGING_SYSTEM_KAFKA = 'kafka'

export const OperationType = {
  SEND: 'send',
  PROCESS: 'process',
  RECEIVE: 'receive',
  SETTLE: 'settle',
} as const

/** The tracer name kafkakit's spans are created under. */
export const TRACER_NAME = '@kafkakit'
