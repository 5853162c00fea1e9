import { defineTopic, string } from '@kafkakit/core'
import { expect, test } from 'vitest'
import { consumerRoutes, failureStep, retryAndDeadLetterTopics } from './consumer-routes.js'
import { nonRetriable } from './non-retriable.js'

const orders = defineTopic({ name: 'orders', key: string(), value: string() })
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
