import { createClient } from '@kafkakit/core'
import { createTopic, uniqueName } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { ensureTopics } from './ensure-topics.js'

const { bootstrapServers } = inject('kafkakit')

test('creates the missing topics with the partitions asked for and leaves an existing one as it is', async () => {
  const existing = await createTopic(bootstrapServers, { prefix: 'existing', partitions: 2 })
  const missing = [uniqueName('missing'), uniqueName('missing')]
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'ensure-topics-test' })
  await ensureTopics(client, [existing, ...missing], 3)
  await ensureTopics(client, [existing, ...missing], 5) // all there now: nothing changes

  await using admin = client.admin()
  const partitions = new Map(
    (await admin.describeTopics([existing, ...missing])).map((t) => [t.name, t.partitions.length]),
  )
  expect(partitions).toEqual(
    new Map([
      [existing, 2],
      [missing[0], 3],
      [missing[1], 3],
    ]),
  )
})

test("without partitions, a missing topic gets the cluster's default", async () => {
  const name = uniqueName('default-partitions')
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'ensure-topics-test' })
  await ensureTopics(client, [name])
  await using admin = client.admin()
  const [topic] = await admin.describeTopics([name])
  expect(topic?.partitions.length).toBeGreaterThanOrEqual(1)
  expect(await admin.listTopics()).toContain(name)
})
