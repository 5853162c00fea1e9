import { defineTopic, KafkakitError, string } from '@kafkakit/core'
import { checkDelivery, createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { testClient } from '../../../test/test-client.js'
import { createConsumer } from './create-consumer.js'
import { rawKafka } from './raw-kafka.test-helper.js'

const { bootstrapServers } = inject('kafkakit')
const { produceRaw, committedOffset } = rawKafka(bootstrapServers)

const client = testClient('rebalance-test')

test('a handler that outlives its partition (it missed the rebalance): the new owner handles that record again, nothing is lost, and the offsets end where the new owner committed them', async () => {
  const name = await createTopic(bootstrapServers, { partitions: 2 })
  const topic = defineTopic({ name, key: string(), value: string() })
  const values = Array.from({ length: 40 }, (_, i) => `v-${i}`)
  await produceRaw(
    name,
    values.map((value, i) => ({ key: `k${i}`, value, partition: i % 2 })),
  )
  const groupId = uniqueName('g')
  const handled: { by: string; value: string; partition: number }[] = []
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let stuck: { value: string; partition: number } | undefined
  const a = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    concurrency: 2,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    rebalanceTimeoutMs: 3000,
    handler: async (message) => {
      if (!stuck) {
        // The first record A gets: it holds on to it until B has taken over the group.
        stuck = { value: message.value, partition: message.partition }
        await released
      }
      handled.push({ by: 'a', value: message.value, partition: message.partition })
    },
  })
  await a.start()
  await waitFor(() => stuck !== undefined, { timeoutMs: 30_000, description: 'A to hold a record' })

  await using b = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    concurrency: 2,
    handler: (message) => {
      handled.push({ by: 'b', value: message.value, partition: message.partition })
    },
  })
  await b.start()
  // A misses the rebalance (its handler does not return), so B gets both partitions and the held record.
  await waitFor(() => handled.some((h) => h.by === 'b' && h.value === stuck!.value), {
    timeoutMs: 60_000,
    description: 'B to handle the record A holds',
  })
  release()
  await waitFor(() => handled.some((h) => h.by === 'a' && h.value === stuck!.value), {
    timeoutMs: 10_000,
    description: "A's handler to finish",
  })
  await a.stop()
  const report = checkDelivery(
    values,
    handled.map((h) => h.value),
  )
  expect(report.lost).toEqual([])
  await waitFor(
    async () =>
      (await committedOffset(groupId, name, 0)) === '20' &&
      (await committedOffset(groupId, name, 1)) === '20',
    { timeoutMs: 30_000, description: 'B to commit both partitions to their end' },
  )
  // Negative control: the check notices a record nobody handled.
  expect(
    checkDelivery(
      [...values, 'v-never'],
      handled.map((h) => h.value),
    ).lost,
  ).toEqual(['v-never'])
})

test("manual commit after the group moved on: message.commit() rejects with a retriable KAFKAKIT_REBALANCE and moves nothing; the new owner's commits stand", async () => {
  const name = await createTopic(bootstrapServers, { partitions: 1 })
  const topic = defineTopic({ name, key: string(), value: string() })
  await produceRaw(
    name,
    ['v-0', 'v-1', 'v-2'].map((value) => ({ key: 'k', value })),
  )
  const groupId = uniqueName('g')
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let held: string | undefined
  let commitFailure: unknown
  const byB: string[] = []
  const a = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    commit: 'manual',
    retry: { attempts: 1 },
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    rebalanceTimeoutMs: 3000,
    handler: async (message) => {
      if (held === undefined) {
        held = message.value
        await released
        commitFailure = await message.commit().then(
          () => 'committed',
          (error: unknown) => error,
        )
        throw commitFailure
      }
      await message.commit()
    },
  })
  await a.start()
  await waitFor(() => held !== undefined, { timeoutMs: 30_000, description: 'A to hold a record' })
  await using b = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    handler: (message) => {
      byB.push(message.value)
    },
  })
  await b.start()
  // A misses the rebalance (its handler does not return): B takes the partition and handles every record.
  await waitFor(() => byB.length === 3, { timeoutMs: 60_000, description: 'B to handle the 3 records' })
  await waitFor(async () => (await committedOffset(groupId, name, 0)) === '3', {
    timeoutMs: 30_000,
    description: 'B to commit the partition to its end',
  })
  release()
  await waitFor(() => commitFailure !== undefined, { timeoutMs: 10_000, description: "A's commit to settle" })
  expect(KafkakitError.is(commitFailure, 'KAFKAKIT_REBALANCE')).toBe(true)
  expect(commitFailure).toMatchObject({ retriable: true })
  await a.stop()
  // A's commit of offset 0 did not move the group back.
  expect(await committedOffset(groupId, name, 0)).toBe('3')
  expect(held).toBe('v-0')
})
