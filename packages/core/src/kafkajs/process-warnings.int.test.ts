import { createConsumer } from '@kafkakit/consumer'
import { defineTopic, string } from '@kafkakit/core'
import { createProducer, createTransactionalProducer } from '@kafkakit/producer'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { testClient } from '../../../../test/test-client.js'

// A service on kafkakit must see no process warning that kafkakit or its dependencies caused (kafkajs
// 2.2.4 sets a negative timeout on every connection: TimeoutNegativeWarning on Node 24 and later, which
// create-kafkajs-client.ts prevents). The round trip goes through the public APIs of the producer and
// consumer packages: a test of this folder, not an import of core's code.
// Each test file runs in a process of its own, and Node emits some warnings only once per process:
// this file must therefore stay free of other clients (raw kafkajs included) and of other tests.
const warnings: Error[] = []
process.on('warning', (warning) => warnings.push(warning))

const { bootstrapServers } = inject('kafkakit')
const client = testClient('process-warnings-test')

test('a produce, transaction, consume and admin round trip raises no process warning', async () => {
  const topic = defineTopic({ name: await createTopic(bootstrapServers), key: string(), value: string() })
  const groupId = uniqueName('warnings')
  {
    await using admin = client.admin()
    await using producer = createProducer(client)
    await using transactional = createTransactionalProducer(client, { transactionalId: uniqueName('tx') })
    await producer.send(topic, { key: 'a', value: 'plain' })
    await transactional.transaction(async (tx) => {
      await tx.send(topic, { key: 'b', value: 'in a transaction' })
    })
    const seen: string[] = []
    await using consumer = createConsumer(client, {
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: (message) => {
        seen.push(message.value)
      },
    })
    await consumer.start()
    await waitFor(() => seen.length === 2, { timeoutMs: 60_000, description: 'both records' })
    await consumer.stop()
    expect(seen.sort()).toEqual(['in a transaction', 'plain'])
    expect((await admin.describeCluster()).brokers.length).toBeGreaterThan(0)
    expect(await admin.committedOffsets(groupId, [topic.name])).toEqual([
      { topic: topic.name, partition: 0, offset: '3' },
    ])
    await admin.deleteTopics([topic.name])
  }
  // Everything is closed; process.emitWarning emits on a later tick.
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(warnings.map((w) => w.stack ?? `${w.name}: ${w.message}`)).toEqual([])
})
