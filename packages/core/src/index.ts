export type {
  BrokerDescription,
  ClusterDescription,
  GroupDescription,
  GroupListing,
  GroupMember,
  KafkaAdmin,
  MemberAssignment,
  PartitionDescription,
  TopicDescription,
  TopicSpec,
} from './admin/kafka-admin.js'
export type { ClientOptions, ResolvedClientOptions } from './client/client-options.js'
export { createClient, type KafkaClient } from './client/create-client.js'
export { ErrorCode } from './errors/error-codes.js'
export { KafkakitError, type KafkakitErrorOptions } from './errors/kafkakit-error.js'
export { kafkajs } from './kafkajs/kafkajs-transport.js'
export type { AbortOptions } from './lifecycle/abort-options.js'
export { consoleLogger, type LogFn, type Logger, type LogLevel, silentLogger } from './logging/logger.js'
export { type RegistryAvroOptions, registryAvro } from './registry/registry-avro-serde.js'
export { type RegistryJsonOptions, registryJson } from './registry/registry-json-serde.js'
export {
  createSchemaRegistry,
  type RegisteredSchema,
  type RegistrySchemaType,
  type SchemaRegistry,
  type SchemaRegistryOptions,
} from './registry/schema-registry.js'
export type { SubjectStrategy } from './registry/subject-name.js'
export { type AvroOptions, avro } from './serde/avro-serde.js'
export type { AvroSchema } from './serde/avro-type.js'
export { bytes } from './serde/bytes-serde.js'
export { json } from './serde/json-serde.js'
export type { BoundSerde, Serde, SerdeContext, SerdeInput, SerdeOutput, SerdeRole } from './serde/serde.js'
export type { InferInput, InferOutput, StandardSchemaV1 } from './serde/standard-schema.js'
export { string } from './serde/string-serde.js'
export {
  type AnySerde,
  type AnyTopic,
  type DecodedRecord,
  defineTopic,
  type HeaderSerdes,
  type HeadersInput,
  type HeadersOutput,
  type KeyInput,
  type KeyOutput,
  type ProduceRecord,
  type Topic,
  type TopicDefinition,
  type ValueInput,
  type ValueOutput,
} from './topic/define-topic.js'
export {
  createTopicCodec,
  DEFAULT_MAX_MESSAGE_BYTES,
  type EncodedRecord,
  type RawRecord,
  type TopicCodec,
  type TopicCodecOptions,
} from './topic/topic-codec.js'
export { checkTopicName } from './topic/topic-name.js'
export { positionAfter, type TopicPartitionOffset } from './topic/topic-partition-offset.js'
export type { Transport } from './transport/transport.js'
