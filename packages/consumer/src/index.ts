export type {
  ConsumedMessage,
  HandlerContext,
  ManualCommitMessage,
  TransactionContext,
} from './consumed-message.js'
export type { CommitMode } from './consumer-options.js'
export { retryAndDeadLetterTopics } from './consumer-routes.js'
export {
  type Consumer,
  type ConsumerOptions,
  createConsumer,
  type ExactlyOnceConsumerOptions,
  type ExactlyOnceOptions,
} from './create-consumer.js'
export { DeadLetterHeader, type DeadLetterInfo, readDeadLetterHeaders } from './dead-letter.js'
export type {
  TransactionalProducerFactory,
  TransactionalProducerLike,
  TransactionLike,
} from './exactly-once.js'
export { isNonRetriable, nonRetriable } from './non-retriable.js'
