export type {
  AdminConnection,
  BrokerDescription,
  ClusterDescription,
  KafkaAdmin,
  PartitionDescription,
  TopicDescription,
  TopicSpec,
} from './admin/kafka-admin.js'
export { ErrorCode } from './errors/error-codes.js'
export { KafkakitError, type KafkakitErrorOptions } from './errors/kafkakit-error.js'
