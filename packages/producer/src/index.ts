export { createProducer, type Producer, type SendOptions } from './create-producer.js'
export {
  createTransactionalProducer,
  type Transaction,
  type TransactionalProducer,
  type TransactionalProducerOptions,
} from './create-transactional-producer.js'
export { murmur2, partitionForKey } from './murmur2.js'
export type { Partitioner, ProducerOptions, ResolvedProducerOptions } from './producer-options.js'
