import { defineTopic, json, string } from '@kafkakit/core'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { z } from 'zod'
import { testClient } from '../../../test/test-client.js'
import { retryAndDeadLetterTopics } from './consumer-routes.js'
import { createConsumer } from './create-consumer.js'
import { DeadLetterHeader } from './dead-letter.js'
import { rawKafka } from './raw-kafka.test-helper.js'

const { bootstrapServers } = inject('kafkakit')
const { produceRaw, readRaw, untilCommitted } = rawKafka(bootstrapServers)
const Task = z.object({ id: z.string() })

const client = testClient('retry-topics-test')

test('retry topics: a failing record moves to <topic>-retry-1, then -retry-2, each after its delay, then to the dead-letter topic; other records are not held up', async () => {
  const name = await createTopic(bootstrapServers, { partitions: 1 })
  const topic = defineTopic({ name, key: string(), value: json(Task) })
  const retryTopics = { delaysMs: [1500, 3000] }
  const extra = retryAndDeadLetterTopics({ topics: [topic], retryTopics, deadLetter: true })
  expect(extra).toEqual([`${name}-retry-1`, `${name}-retry-2`, `${name}-dlt`])
  for (const t of extra) await createTopic(bootstrapServers, { name: t })

  await produceRaw(name, [
    { key: 'a', value: JSON.stringify({ id: 'flaky' }), headers: { trace: 'kept' } },
    { key: 'b', value: JSON.stringify({ id: 'broken' }) },
  ])
  const calls: { id: string; attempt: number; at: number; topic: string; offset: string }[] = []
  const groupId = uniqueName('g')
  await using consumer = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    retry: { attempts: 1 },
    retryTopics,
    deadLetter: true,
    handler: (message) => {
      calls.push({
        id: message.value.id,
        attempt: message.attempt,
        at: Date.now(),
        topic: message.topic,
        offset: message.offset,
      })
      if (message.value.id === 'broken') throw new Error('always broken')
      if (message.value.id === 'flaky' && message.attempt < 3) throw new Error('not yet')
    },
  })
  await consumer.start()
  await waitFor(() => calls.filter((c) => c.id === 'flaky').length === 1, {
    timeoutMs: 60_000,
    description: 'the first attempt',
  })
  // Records that arrive while the retries wait are handled at once: the waiting holds nothing up.
  await produceRaw(
    name,
    [1, 2, 3].map((i) => ({ key: 'c', value: JSON.stringify({ id: `ok-${i}` }) })),
  )
  await waitFor(() => calls.filter((c) => c.id.startsWith('ok-')).length === 3, {
    timeoutMs: 30_000,
    description: 'the records produced meanwhile',
  })
  const flaky = () => calls.filter((c) => c.id === 'flaky')
  expect(flaky()).toHaveLength(1)

  await waitFor(() => calls.filter((c) => c.id === 'broken').length === 3 && flaky().length === 3, {
    timeoutMs: 60_000,
    description: 'three attempts of each',
  })
  const [first, second, third] = flaky()
  expect(flaky().map((c) => c.attempt)).toEqual([1, 2, 3])
  // Each retry comes no sooner than its delay, and keeps the original topic and offset.
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(1500)
  expect(third!.at - second!.at).toBeGreaterThanOrEqual(3000)
  expect(new Set(flaky().map((c) => `${c.topic}@${c.offset}`))).toEqual(new Set([`${name}@0`]))

  const [dead] = await readRaw(`${name}-dlt`, 1, { quietMs: 1000 })
  expect(dead!.key?.toString()).toBe('b')
  expect(JSON.parse(dead!.value!.toString())).toEqual({ id: 'broken' })
  expect(dead!.headers[DeadLetterHeader.ORIGINAL_TOPIC]?.toString()).toBe(name)
  expect((dead!.headers[DeadLetterHeader.ORIGINAL_OFFSET] as Buffer).readBigInt64BE()).toBe(1n)
  expect(dead!.headers[DeadLetterHeader.ATTEMPTS]?.toString()).toBe('3')
  expect(dead!.headers[DeadLetterHeader.RETRY_DUE]).toBeUndefined()

  const retried = await readRaw(`${name}-retry-1`, 2)
  expect(retried.map((r) => r.key?.toString())).toEqual(['a', 'b'])
  expect(retried[0]!.headers.trace?.toString()).toBe('kept')
  expect(retried[0]!.headers[DeadLetterHeader.ATTEMPTS]?.toString()).toBe('1')
  expect(Number(retried[0]!.headers[DeadLetterHeader.RETRY_DUE]?.toString())).toBeGreaterThanOrEqual(
    first!.at + 1500,
  )
  await untilCommitted(groupId, name, '5')
  await untilCommitted(groupId, `${name}-retry-1`, '2')
  await untilCommitted(groupId, `${name}-retry-2`, '2')
})

test('retry-topic and dead-letter names given as text: a {topic}/{n} template per topic, one plain dead-letter topic for two topics', async () => {
  const [a, b] = [await createTopic(bootstrapServers), await createTopic(bootstrapServers)]
  const topics = [
    defineTopic({ name: a, key: string(), value: json(Task) }),
    defineTopic({ name: b, key: string(), value: json(Task) }),
  ]
  const deadLetters = uniqueName('all-dead')
  const retryTopics = { delaysMs: [500], topic: '{topic}.later.{n}' }
  const deadLetter = { topic: deadLetters }
  const extra = retryAndDeadLetterTopics({ topics, retryTopics, deadLetter })
  expect(extra).toEqual([`${a}.later.1`, deadLetters, `${b}.later.1`])
  for (const t of extra) await createTopic(bootstrapServers, { name: t })

  await produceRaw(a, [{ key: 'a', value: JSON.stringify({ id: 'broken-a' }) }])
  await produceRaw(b, [{ key: 'b', value: JSON.stringify({ id: 'broken-b' }) }])
  const calls: string[] = []
  const groupId = uniqueName('g')
  await using consumer = createConsumer(client, {
    groupId,
    topics,
    fromBeginning: true,
    retry: { attempts: 1 },
    retryTopics,
    deadLetter,
    handler: (message) => {
      calls.push(`${message.topic}:${message.value.id}:${message.attempt}`)
      throw new Error('always broken')
    },
  })
  await consumer.start()
  const dead = await readRaw(deadLetters, 2, { quietMs: 1000 })
  expect(dead).toHaveLength(2)
  expect(new Set(calls)).toEqual(
    new Set([`${a}:broken-a:1`, `${a}:broken-a:2`, `${b}:broken-b:1`, `${b}:broken-b:2`]),
  )
  expect(new Set(dead.map((r) => r.headers[DeadLetterHeader.ORIGINAL_TOPIC]?.toString()))).toEqual(
    new Set([a, b]),
  )
  expect((await readRaw(`${a}.later.1`, 1))[0]!.key?.toString()).toBe('a')
  expect((await readRaw(`${b}.later.1`, 1))[0]!.key?.toString()).toBe('b')
  await untilCommitted(groupId, `${a}.later.1`, '1')
  await untilCommitted(groupId, `${b}.later.1`, '1')
})
