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
    Object.assign(new Error('This server is not the leader for that topic-partition'), {
      type: 'NOT_LEADER_FOR_PARTITION',
      code: 3,
      retriable: true,
    }),
  )
  const error = fromKafkajsError(protocol, 'createTopics(x)')
  expect(error.code).toBe('KAFKAKIT_KAFKA')
  expect(error.details.kafkaError).toBe('NOT_LEADER_FOR_PARTITION')
  expect(error.retriable).toBe(true)
})

test('a KafkakitError passes through unchanged', () => {
  const original = new KafkakitError('KAFKAKIT_STOPPED', 'stopped')
  expect(fromKafkajsError(original, 'x')).toBe(original)
})

test.each([
  ['MESSAGE_TOO_LARGE', 'KAFKAKIT_MESSAGE_TOO_LARGE'],
  ['UNKNOWN_TOPIC_OR_PARTITION', 'KAFKAKIT_UNKNOWN_TOPIC'],
  ['TOPIC_AUTHORIZATION_FAILED', 'KAFKAKIT_AUTHORIZATION'],
])('the broker error %s becomes %s, naming the operation (and so the topic)', (type, code) => {
  const error = fromKafkajsError(
    new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSProtocolError(Object.assign(new Error('broker said no'), { type, code: 1 })),
      {
        retryCount: 1,
        retryTime: 1,
      },
    ),
    'send to orders',
  )
  expect(error).toMatchObject({
    code,
    details: { kafkaError: type },
    message: expect.stringMatching(/^send to orders failed: broker said no \(/),
  })
})
