import { defineTopic, json, string } from '@kafkakit/core'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { z } from 'zod'
import { testClient } from '../../../test/test-client.js'
import { createConsumer } from './create-consumer.js'
import { rawKafka } from './raw-kafka.test-helper.js'

const { bootstrapServers } = inject('kafkakit')
const { produceRaw, readRaw, untilCommitted } = rawKafka(bootstrapServers)
const Item = z.object({ n: z.number().int() })

const client = testClient('batch-handler-test')

test('a batch handler gets the records of a partition together, in order; a poison pill splits the batch and is dead-lettered; a record that fails on its own is dead-lettered while the rest of its batch is handled', async () => {
  const name = await createTopic(bootstrapServers, { partitions: 1 })
  await createTopic(bootstrapServers, { name: `${name}-dlt` })
  const topic = defineTopic({ name, key: string(), value: json(Item) })
  const values = Array.from({ length: 200 }, (_, n) => ({ key: `k${n}`, value: JSON.stringify({ n }) }))
  values[50] = { key: 'poison', value: '{not json' }
  await produceRaw(name, values)

  const sizes: number[] = []
  const handled: number[] = []
  let transient = true
  const groupId = uniqueName('g')
  await using consumer = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    deadLetter: true,
    retry: { attempts: 2, initialDelayMs: 10 },
    batchHandler: (messages) => {
      sizes.push(messages.length)
      if (transient && messages.some((m) => m.value.n === 10)) {
        transient = false
        throw new Error('transient')
      }
      if (messages.some((m) => m.value.n === 120)) throw new Error('record 120 is bad')
      handled.push(...messages.map((m) => m.value.n))
    },
  })
  await consumer.start()
  await untilCommitted(groupId, name, '200')
  const expected = Array.from({ length: 200 }, (_, n) => n).filter((n) => n !== 50 && n !== 120)
  expect([...new Set(handled)].sort((a, b) => a - b)).toEqual(expected)
  expect(Math.max(...sizes)).toBeGreaterThan(1)
  const dead = await readRaw(`${name}-dlt`, 2, { quietMs: 1000 })
  expect(dead.map((d) => d.key?.toString())).toEqual(['poison', 'k120'])
})

test('a batch handler with records that fail and no dead-letter topic: the partition stays on them', async () => {
  const name = await createTopic(bootstrapServers, { partitions: 1 })
  const topic = defineTopic({ name, key: string(), value: json(Item) })
  await produceRaw(
    name,
    [0, 1, 2].map((n) => ({ key: 'k', value: JSON.stringify({ n }) })),
  )
  let calls = 0
  const groupId = uniqueName('g')
  const consumer = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    retry: { attempts: 1, maxDelayMs: 100 },
    batchHandler: (messages) => {
      calls++
      if (messages.some((m) => m.value.n === 1)) throw new Error('bad')
    },
  })
  await consumer.start()
  await waitFor(() => calls >= 6, { timeoutMs: 30_000, description: 'repeated attempts' })
  await consumer.stop()
  // Record 0 was handled on its own and committed; record 1 never was.
  await untilCommitted(groupId, name, '1')
})
