import { defineTopic, string } from '@kafkakit/core'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { testClient } from '../../../test/test-client.js'
import { createConsumer } from './create-consumer.js'
import { rawKafka } from './raw-kafka.test-helper.js'

const { bootstrapServers } = inject('kafkakit')
const { produceRaw, committedOffset } = rawKafka(bootstrapServers)

const client = testClient('shutdown-test')

/** A started consumer whose handler waits on one record until its signal aborts. */
async function stuckHandler(shutdownTimeoutMs: number) {
  const name = await createTopic(bootstrapServers, { partitions: 1 })
  const topic = defineTopic({ name, key: string(), value: string() })
  await produceRaw(name, [{ key: 'k', value: 'stuck' }])
  let handlerSignal: AbortSignal | undefined
  const groupId = uniqueName('g')
  const consumer = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    shutdownTimeoutMs,
    handler: (_message, context) => {
      handlerSignal = context.signal
      return new Promise((_, reject) =>
        context.signal.addEventListener('abort', () => reject(context.signal.reason)),
      )
    },
  })
  await consumer.start()
  await waitFor(() => handlerSignal !== undefined, { timeoutMs: 30_000, description: 'the handler to start' })
  return { name, groupId, consumer, signal: () => handlerSignal! }
}

test('stop() lets the running handler finish, commits its record and handles no further one', async () => {
  const name = await createTopic(bootstrapServers, { partitions: 1 })
  const topic = defineTopic({ name, key: string(), value: string() })
  await produceRaw(
    name,
    ['slow', 'next', 'after'].map((value) => ({ key: 'k', value })),
  )
  const handled: string[] = []
  let running = false
  const groupId = uniqueName('g')
  const consumer = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    handler: async (message) => {
      running = true
      if (message.value === 'slow') await new Promise((resolve) => setTimeout(resolve, 1500))
      handled.push(message.value)
    },
  })
  await consumer.start()
  await waitFor(() => running, { timeoutMs: 30_000, description: 'the first handler to start' })
  await consumer.stop()
  expect(handled).toEqual(['slow'])
  expect(await committedOffset(groupId, name, 0)).toBe('1')
})

test('a handler that outlives shutdownTimeoutMs has its signal aborted; stop() returns and its record is not committed', async () => {
  const { name, groupId, consumer, signal } = await stuckHandler(1000)
  const started = Date.now()
  await consumer.stop()
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  expect(Date.now() - started).toBeLessThan(10_000)
  expect(signal().aborted).toBe(true)
  expect(signal().reason).toMatchObject({ code: 'KAFKAKIT_ABORTED' })
  expect(await committedOffset(groupId, name, 0)).toBe('-1')
})

test('stop({ signal }) aborted while a handler runs: it rejects at once with KAFKAKIT_ABORTED, the handler’s signal is aborted and the consumer leaves', async () => {
  const { name, groupId, consumer, signal } = await stuckHandler(60_000)
  const started = Date.now()
  await expect(consumer.stop({ signal: AbortSignal.timeout(300) })).rejects.toMatchObject({
    code: 'KAFKAKIT_ABORTED',
  })
  expect(Date.now() - started).toBeLessThan(5000)
  expect(signal().aborted).toBe(true)
  await expect(consumer.start()).rejects.toMatchObject({ code: 'KAFKAKIT_STOPPED' })
  // A stop() without a signal waits for the consumer to have left.
  await consumer.stop()
  await using admin = client.admin()
  await waitFor(async () => (await admin.describeGroup(groupId)).state === 'Empty', {
    timeoutMs: 30_000,
    description: 'the group empty',
  })
  expect(await committedOffset(groupId, name, 0)).toBe('-1')
})
