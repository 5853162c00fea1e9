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
