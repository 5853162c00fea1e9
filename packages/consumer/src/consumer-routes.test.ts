import { defineTopic, string } from '@kafkakit/core'
import { expect, test } from 'vitest'
import { consumerRoutes, failureStep, retryAndDeadLetterTopics } from './consumer-routes.js'
import { nonRetriable } from './non-retriable.js'

const orders = defineTopic({ name: 'orders', key: string(), value: string() })
const payments = defineTopic({ name: 'payments', value: string() })
const config = (message: RegExp) =>
  expect.objectContaining({ code: 'KAFKAKIT_CONFIG', message: expect.stringMatching(message) })
const options = { topics: [orders], retryTopics: { delaysMs: [1000, 5000] }, deadLetter: true as const }

test('the consumer reads its topics and their retry topics, each with its stage', () => {
  const routes = consumerRoutes(options)
  expect([...routes].map(([name, route]) => [name, route.topic.name, route.stage])).toEqual([
    ['orders', 'orders', 0],
    ['orders-retry-1', 'orders', 1],
    ['orders-retry-2', 'orders', 2],
  ])
  expect(retryAndDeadLetterTopics(options)).toEqual(['orders-retry-1', 'orders-retry-2', 'orders-dlt'])
  const named = {
    ...options,
    retryTopics: { delaysMs: [1000], topic: (t: string, n: number) => `${t}.retry.${n}` },
    deadLetter: { topic: (t: string) => `${t}.dead` },
  }
  expect(retryAndDeadLetterTopics(named)).toEqual(['orders.retry.1', 'orders.dead'])
})

test('a failed record moves one retry topic on, then to the dead-letter topic; poison pills and non-retriable errors skip the retry topics', () => {
  const routes = consumerRoutes(options)
  const failure = { error: new Error('x'), decoded: true }
  expect(failureStep(options, routes.get('orders')!, failure)).toEqual({
    kind: 'retry',
    target: 'orders-retry-1',
    delayMs: 1000,
  })
  expect(failureStep(options, routes.get('orders-retry-1')!, failure)).toEqual({
    kind: 'retry',
    target: 'orders-retry-2',
    delayMs: 5000,
  })
  expect(failureStep(options, routes.get('orders-retry-2')!, failure)).toEqual({
    kind: 'dead-letter',
    target: 'orders-dlt',
  })
  const dead = { kind: 'dead-letter', target: 'orders-dlt' }
  expect(failureStep(options, routes.get('orders')!, { ...failure, decoded: false })).toEqual(dead)
  expect(
    failureStep(options, routes.get('orders')!, { error: nonRetriable(new Error('no')), decoded: true }),
  ).toEqual(dead)
  expect(failureStep({ topics: [orders] }, routes.get('orders')!, failure)).toEqual({ kind: 'hold' })
})

test('retry and dead-letter topic names given as text: {topic} and {n} are filled in, a plain name is taken as it is', () => {
  const named = {
    topics: [orders, payments],
    retryTopics: { delaysMs: [1000, 5000], topic: '{topic}.retry.{n}' },
    deadLetter: { topic: '{topic}.DLT' },
  }
  expect([...consumerRoutes(named).keys()]).toEqual([
    'orders',
    'payments',
    'orders.retry.1',
    'orders.retry.2',
    'payments.retry.1',
    'payments.retry.2',
  ])
  expect(retryAndDeadLetterTopics(named)).toEqual([
    'orders.retry.1',
    'orders.retry.2',
    'orders.DLT',
    'payments.retry.1',
    'payments.retry.2',
    'payments.DLT',
  ])
  const routes = consumerRoutes(named)
  const failure = { error: new Error('x'), decoded: true }
  expect(failureStep(named, routes.get('payments.retry.1')!, failure)).toEqual({
    kind: 'retry',
    target: 'payments.retry.2',
    delayMs: 5000,
  })
  expect(failureStep(named, routes.get('payments.retry.2')!, failure)).toEqual({
    kind: 'dead-letter',
    target: 'payments.DLT',
  })
  // One dead-letter topic for every topic (the original-topic header tells them apart), listed once.
  const shared = { topics: [orders, payments], deadLetter: { topic: 'all-dead-letters' } }
  expect(retryAndDeadLetterTopics(shared)).toEqual(['all-dead-letters'])
  expect(failureStep(shared, consumerRoutes(shared).get('payments')!, failure)).toEqual({
    kind: 'dead-letter',
    target: 'all-dead-letters',
  })
  // A plain retry-topic name works where there is one retry topic: one topic, one delay.
  const single = { topics: [orders], retryTopics: { delaysMs: [1000], topic: 'orders-later' } }
  expect(retryAndDeadLetterTopics(single)).toEqual(['orders-later'])
})

test('names that would collide, or that Kafka refuses, are KAFKAKIT_CONFIG errors naming the field', () => {
  const stages = { topics: [orders], retryTopics: { delaysMs: [1000, 5000], topic: 'orders-later' } }
  expect(() => consumerRoutes(stages)).toThrow(
    config(
      /^Invalid consumer options: retryTopics\.topic: retry topic 2 of orders and retry topic 1 of orders would both be orders-later/,
    ),
  )
  expect(() => retryAndDeadLetterTopics(stages)).toThrow(config(/retryTopics\.topic/))
  const topics = { topics: [orders, payments], retryTopics: { delaysMs: [1000], topic: 'later-{n}' } }
  expect(() => consumerRoutes(topics)).toThrow(
    config(/retry topic 1 of payments and retry topic 1 of orders/),
  )
  const loop = { topics: [orders], retryTopics: { delaysMs: [1000], topic: () => 'orders' } }
  expect(() => consumerRoutes(loop)).toThrow(config(/would both be orders/))
  const readsItsDeadLetters = {
    topics: [orders],
    retryTopics: { delaysMs: [1000] },
    deadLetter: { topic: '{topic}-retry-1' },
  }
  expect(() => consumerRoutes(readsItsDeadLetters)).toThrow(
    config(
      /^Invalid consumer options: deadLetter\.topic: .*orders-retry-1, which is retry topic 1 of orders/,
    ),
  )
  expect(() => consumerRoutes({ topics: [orders], deadLetter: { topic: () => 'dead letters' } })).toThrow(
    config(/^Invalid consumer options: deadLetter\.topic: Invalid topic name "dead letters"/),
  )
})
