import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs'
import { expect, test } from 'vitest'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { fromKafkajsError } from './kafkajs-error.js'

test('a connection failure behind retries becomes a retriable KAFKAKIT_CONNECTION error naming the operation', () => {
  const error = fromKafkajsError(
    new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error: ECONNREFUSED'), {
      retryCount: 5,
      retryTime: 1000,
    }),
    'describeCluster',
  )
  expect(error.code).toBe('KAFKAKIT_CONNECTION')
  expect(error.retriable).toBe(true)
  expect(error.message).toMatch(/^describeCluster failed: Connection error: ECONNREFUSED/)
})

test('a broker error keeps its Kafka error name and retriability', () => {
  const protocol = new KafkaJSProtocolError(
    Object.assign(new Error('This server does not host this topic-partition'), {
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      code: 3,
      retriable: true,
    }),
  )
  const error = fromKafkajsError(protocol, 'createTopics(x)')
  expect(error.code).toBe('KAFKAKIT_KAFKA')
  expect(error.details.kafkaError).toBe('UNKNOWN_TOPIC_OR_PARTITION')
  expect(error.retriable).toBe(true)
})

test('a KafkakitError passes through unchanged', () => {
  const original = new KafkakitError('KAFKAKIT_CLOSED', 'closed')
  expect(fromKafkajsError(original, 'x')).toBe(original)
})
