export type { ConsumedMessage } from './consumed-message.js'
export { type Consumer, type ConsumerOptions, createConsumer } from './create-consumer.js'
export { DeadLetterHeader } from './dead-letter.js'
export { isNonRetriable, nonRetriable } from './non-retriable.js'
