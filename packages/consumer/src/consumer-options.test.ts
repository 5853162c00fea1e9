import { defineTopic, string } from '@kafkakit/core'
import { expect, test } from 'vitest'
import { resolveConsumerOptions } from './consumer-options.js'

const topics = [defineTopic({ name: 'orders', value: string() })]
const handler = () => {}
const config = (message: RegExp) =>
  expect.objectContaining({ code: 'KAFKAKIT_CONFIG', message: expect.stringMatching(message) })

test('defaults: after-process commits, 3 in-place attempts, no retry or dead-letter topics, 30 s shutdown', () => {
  const resolved = resolveConsumerOptions({ groupId: 'g', topics, handler })
  expect(resolved).toMatchObject({
    commit: 'after-process',
    retry: { attempts: 3 },
    shutdownTimeoutMs: 30_000,
    fetchMaxWaitMs: 500,
    readCommitted: false,
  })
  expect(resolved.retryTopics).toBeUndefined()
  expect(resolved.deadLetter).toBeUndefined()
})

test('exactly one of handler and batchHandler; exactly-once takes a handler and its own commits, and reads committed records', () => {
  expect(() => resolveConsumerOptions({ groupId: 'g', topics })).toThrow(
    config(/exactly one of handler and batchHandler/),
  )
  expect(() => resolveConsumerOptions({ groupId: 'g', topics, handler, batchHandler: handler })).toThrow(
    config(/exactly one/),
  )
  const exactlyOnce = { producer: () => ({}) }
  expect(() => resolveConsumerOptions({ groupId: 'g', topics, batchHandler: handler, exactlyOnce })).toThrow(
    config(/takes a handler/),
  )
  expect(() =>
    resolveConsumerOptions({ groupId: 'g', topics, handler, exactlyOnce, commit: 'manual' }),
  ).toThrow(config(/leave commit/))
  expect(resolveConsumerOptions({ groupId: 'g', topics, handler, exactlyOnce }).readCommitted).toBe(true)
})

test('unknown and invalid options name the field', () => {
  expect(() =>
    resolveConsumerOptions({ groupId: 'g', topics, handler, retryTopics: { delaysMs: [] } }),
  ).toThrow(config(/retryTopics\.delaysMs/))
  expect(() => resolveConsumerOptions({ groupId: 'g', topics, handler, autoCommit: true })).toThrow(
    config(/autoCommit/),
  )
})

test('retry and dead-letter topic names: text (with {topic} and {n}) or functions; text Kafka would refuse is refused here', () => {
  const named = resolveConsumerOptions({
    groupId: 'g',
    topics,
    handler,
    retryTopics: { delaysMs: [1000], topic: '{topic}.retry.{n}' },
    deadLetter: { topic: 'dead-letters' },
  })
  expect(named.retryTopics?.topic).toBe('{topic}.retry.{n}')
  expect(named.deadLetter).toEqual({ topic: 'dead-letters' })
  const name = (topic: string) => `${topic}.DLT`
  expect(
    resolveConsumerOptions({ groupId: 'g', topics, handler, deadLetter: { topic: name } }).deadLetter,
  ).toEqual({ topic: name })
  for (const bad of ['', 'dead letters', '{topic}/{n}', '{partition}']) {
    expect(() =>
      resolveConsumerOptions({ groupId: 'g', topics, handler, deadLetter: { topic: bad } }),
    ).toThrow(config(/deadLetter\.topic/))
  }
  expect(() =>
    resolveConsumerOptions({ groupId: 'g', topics, handler, retryTopics: { delaysMs: [1], topic: 1 } }),
  ).toThrow(config(/retryTopics\.topic: expected a topic name .* or a function/))
  expect(() =>
    resolveConsumerOptions({
      groupId: 'g',
      topics,
      handler,
      retryTopics: { delaysMs: [1], topic: '{topic}!' },
    }),
  ).toThrow(
    config(
      /retryTopics\.topic: expected a topic name \(letters, digits, ".", "_", "-"\), with \{topic\} and \{n\}/,
    ),
  )
  // {n} is for retry topics: there is one dead-letter topic per topic.
  expect(() =>
    resolveConsumerOptions({ groupId: 'g', topics, handler, deadLetter: { topic: '{topic}-{n}' } }),
  ).toThrow(config(/deadLetter\.topic: expected a topic name .*with \{topic\} where wanted/))
  expect(() => resolveConsumerOptions({ groupId: 'g', topics, handler, deadLetter: { topic: 1 } })).toThrow(
    config(/deadLetter: expected true, or \{ topic \}/),
  )
})

test('the retry defaults come from the retry schema itself, also for a partial retry option', () => {
  expect(resolveConsumerOptions({ groupId: 'g', topics, handler }).retry).toEqual({
    attempts: 3,
    initialDelayMs: 200,
    maxDelayMs: 10_000,
    multiplier: 2,
    jitter: 0.2,
  })
  expect(
    resolveConsumerOptions({ groupId: 'g', topics, handler, retry: { attempts: 1 } }).retry,
  ).toMatchObject({
    attempts: 1,
    maxDelayMs: 10_000,
  })
})
