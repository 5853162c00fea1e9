import { createRequire } from 'node:module'
import {
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSLockTimeout,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs'
import { describe, expect, test } from 'vitest'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { fromKafkajsError } from './kafkajs-error.js'

// kafkajs's own table of broker error codes and its broker class: the errors it really throws.
const require = createRequire(import.meta.url)
const { createErrorFromCode } = require('kafkajs/src/protocol/error.js') as {
  createErrorFromCode(code: number): KafkaJSProtocolError & { retriable: boolean }
}
const Broker = require('kafkajs/src/broker/index.js') as new (
  options: object,
) => {
  metadata(): Promise<unknown>
}

/** kafkajs's typings give these no message parameter; at run time they take one, like every kafkajs error. */
const withMessage = <E>(ErrorClass: new () => E) => ErrorClass as unknown as new (message: string) => E

/** What kafkajs's retrier throws when every attempt failed: the last failure as the cause. */
const afterRetries = (cause: Error) =>
  new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 1000 })

test('a connection failure behind retries becomes a retriable KAFKAKIT_CONNECTION error naming the operation', () => {
  const error = fromKafkajsError(
    afterRetries(new KafkaJSConnectionError('Connection error: ECONNREFUSED')),
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

describe('timeouts are KAFKAKIT_TIMEOUT, retriable, by their root cause', () => {
  test('a request without an answer, directly and behind the retries (which kafkajs marks not retriable)', () => {
    const timedOut = new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out', {
      broker: '127.0.0.1:9092',
      clientId: 'kafkakit',
      correlationId: 3,
      createdAt: 0,
      sentAt: 0,
      pendingDuration: 0,
    })
    for (const thrown of [timedOut, afterRetries(timedOut)]) {
      expect(fromKafkajsError(thrown, 'send to orders')).toMatchObject({
        code: 'KAFKAKIT_TIMEOUT',
        retriable: true,
        message: 'send to orders timed out: Request Produce(key: 0, version: 7) timed out',
      })
    }
  })

  test('a lock kafkajs waited on for too long', () => {
    expect(
      fromKafkajsError(new (withMessage(KafkaJSLockTimeout))('Timeout while acquiring lock'), 'connect'),
    ).toMatchObject({ code: 'KAFKAKIT_TIMEOUT', retriable: true })
  })

  test('the broker answered REQUEST_TIMED_OUT', () => {
    expect(fromKafkajsError(afterRetries(createErrorFromCode(7)), 'send to orders')).toMatchObject({
      code: 'KAFKAKIT_TIMEOUT',
      retriable: true,
      details: { kafkaError: 'REQUEST_TIMED_OUT' },
    })
  })

  test("kafkajs's lost handshake: a broker that accepted the connection and never answered its ApiVersions request", async () => {
    // After the handshake timed out, kafkajs keeps the open connection and throws this cause-less Error.
    const broker = new Broker({
      connectionPool: { connectionTimeout: 1000, host: '127.0.0.1', port: 9 },
      logger: { namespace: () => ({}) },
    })
    const lost = await broker.metadata().catch((error: unknown) => error)
    expect(lost).toMatchObject({ message: 'Broker not connected' })
    expect(fromKafkajsError(lost, 'listTopics')).toMatchObject({
      code: 'KAFKAKIT_TIMEOUT',
      retriable: true,
      message: expect.stringMatching(/^listTopics timed out: the broker accepted the connection/),
    })
    // Another plain Error with other words is not taken for it.
    expect(fromKafkajsError(new Error('Broker not connected yet'), 'x').code).toBe('KAFKAKIT_KAFKA')
  })
})

test.each([
  ['MESSAGE_TOO_LARGE', 10, 'KAFKAKIT_MESSAGE_TOO_LARGE', false],
  ['UNKNOWN_TOPIC_OR_PARTITION', 3, 'KAFKAKIT_UNKNOWN_TOPIC', true],
  ['TOPIC_AUTHORIZATION_FAILED', 29, 'KAFKAKIT_AUTHORIZATION', false],
  ['GROUP_AUTHORIZATION_FAILED', 30, 'KAFKAKIT_AUTHORIZATION', false],
  ['CLUSTER_AUTHORIZATION_FAILED', 31, 'KAFKAKIT_AUTHORIZATION', false],
  ['TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 53, 'KAFKAKIT_AUTHORIZATION', false],
  ['SASL_AUTHENTICATION_FAILED', 58, 'KAFKAKIT_AUTHENTICATION', false],
  ['UNSUPPORTED_SASL_MECHANISM', 33, 'KAFKAKIT_AUTHENTICATION', false],
  ['ILLEGAL_SASL_STATE', 34, 'KAFKAKIT_AUTHENTICATION', false],
  ['INVALID_PRODUCER_EPOCH', 47, 'KAFKAKIT_FENCED', false],
  ['TRANSACTION_COORDINATOR_FENCED', 52, 'KAFKAKIT_FENCED', false],
  ['FENCED_INSTANCE_ID', 82, 'KAFKAKIT_FENCED', false],
  // kafkajs marks these not retriable (it rejoins rather than repeats the request); to a caller the
  // condition is passing: once the group settles, the record comes again.
  ['REBALANCE_IN_PROGRESS', 27, 'KAFKAKIT_REBALANCE', true],
  ['ILLEGAL_GENERATION', 22, 'KAFKAKIT_REBALANCE', true],
  ['UNKNOWN_MEMBER_ID', 25, 'KAFKAKIT_REBALANCE', true],
  ['NOT_LEADER_FOR_PARTITION', 6, 'KAFKAKIT_KAFKA', true],
  ['INVALID_REPLICATION_FACTOR', 38, 'KAFKAKIT_KAFKA', false],
])(
  'the broker error %s (code %i), behind retries, becomes %s with retriable %s, naming the operation',
  (type, kafkaCode, code, retriable) => {
    const answer = createErrorFromCode(kafkaCode)
    expect(answer.type).toBe(type)
    const error = fromKafkajsError(afterRetries(answer), 'send to orders')
    expect(error).toMatchObject({
      code,
      retriable,
      details: { kafkaError: type },
      message: expect.stringMatching(/^send to orders failed: ./),
    })
    expect(error.cause).toBeInstanceOf(KafkaJSNumberOfRetriesExceeded)
  },
)

test("PRODUCER_FENCED (code 90), which kafkajs 2.2.4's table does not know, is KAFKAKIT_FENCED", () => {
  const answer = createErrorFromCode(90)
  expect(answer.type).toBe('KAFKAJS_UNKNOWN_ERROR_CODE')
  expect(fromKafkajsError(answer, 'commit the transaction')).toMatchObject({
    code: 'KAFKAKIT_FENCED',
    retriable: false,
    details: { kafkaError: 'PRODUCER_FENCED' },
  })
  expect(fromKafkajsError(createErrorFromCode(1000), 'x')).toMatchObject({
    code: 'KAFKAKIT_KAFKA',
    details: { kafkaError: 'KAFKAJS_UNKNOWN_ERROR_CODE' },
  })
})

test('SASL authentication that kafkajs refused itself is KAFKAKIT_AUTHENTICATION, not retriable', () => {
  const refused = new (withMessage(KafkaJSSASLAuthenticationError))(
    'SASL SCRAM SHA256 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256',
  )
  expect(fromKafkajsError(refused, 'connect the producer')).toMatchObject({
    code: 'KAFKAKIT_AUTHENTICATION',
    retriable: false,
    message: expect.stringMatching(/^connect the producer failed: SASL SCRAM SHA256 authentication failed/),
  })
})

test('anything else is KAFKAKIT_KAFKA, retriable as its root cause says', () => {
  expect(fromKafkajsError(new KafkaJSError('something passing'), 'x')).toMatchObject({
    code: 'KAFKAKIT_KAFKA',
    retriable: true,
  })
  expect(fromKafkajsError(new KafkaJSNonRetriableError('something lasting'), 'x')).toMatchObject({
    code: 'KAFKAKIT_KAFKA',
    retriable: false,
  })
})
