import { createClient, defineTopic, string } from '@kafkakit/core'
import { createTopic, type KafkaCluster, startKafka, uniqueName } from '@kafkakit/testing'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { readWithLibrdkafka } from '../../../test/interop/read-with-librdkafka.js'
import { createTransactionalProducer } from './create-transactional-producer.js'

// A broker of its own, so it can be frozen mid-commit without disturbing other tests.
let cluster: KafkaCluster
beforeAll(async () => {
  cluster = await startKafka({ mode: 'local' })
}, 300_000)
afterAll(async () => {
  await cluster?.stop()
})

test('after an ambiguous commit failure (broker frozen) the producer is replaced, and the next transaction commits', async () => {
  const topic = defineTopic({ name: await createTopic(cluster), value: string() })
  await using client = createClient({
    brokers: [...cluster.brokers],
    requestTimeoutMs: 2000,
    connectionTimeoutMs: 1000,
    retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 500 },
  })
  await using producer = createTransactionalProducer(client, { transactionalId: uniqueName('tx') })
  await producer.transaction(async (tx) => {
    await tx.send(topic, { value: 'first' })
  })
  const node = cluster.nodes[0]!
  const failure = await producer
    .transaction(async (tx) => {
      await tx.send(topic, { value: 'in doubt' })
      await node.pause()
    })
    .catch((error) => error)
  await node.resume()
  expect(failure).toMatchObject({
    name: 'KafkakitError',
    message: expect.stringContaining('outcome is unknown'),
  })

  await producer.transaction(async (tx) => {
    await tx.send(topic, { value: 'after recovery' })
  })
  const committed = await readWithLibrdkafka(cluster.bootstrapServers, topic.name, -1)
  // 'in doubt' may or may not have committed; the others did, once each.
  expect(committed.filter((v) => v !== 'in doubt')).toEqual(['first', 'after recovery'])
  expect(committed.filter((v) => v === 'in doubt').length).toBeLessThanOrEqual(1)
}, 180_000)
