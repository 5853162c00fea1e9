import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createTopic } from './create-topic.js'
import type { KafkaCluster } from './kafka-cluster.js'
import { startKafka } from './start-kafka.js'
import { uniqueName } from './unique-name.js'
import { waitFor } from './wait-for.js'

let cluster: KafkaCluster

beforeAll(async () => {
  cluster = await startKafka({ nodes: 3 })
}, 300_000)

afterAll(async () => {
  await cluster?.stop()
})

/** Reads a whole topic with a fresh group and returns the values seen. */
async function readAll(kafka: Kafka, topic: string, expected: number): Promise<Set<string>> {
  const seen = new Set<string>()
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), retry: { retries: 20 } })
  try {
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.add(message.value!.toString())
      },
    })
    await waitFor(() => seen.size >= expected, {
      timeoutMs: 90_000,
      description: `${expected} distinct values`,
    })
  } finally {
    await consumer.disconnect()
  }
  return seen
}

test('with replication factor 3, acks=all writes and reads go on while a node is killed, and nothing acknowledged is lost after it rejoins', async () => {
  expect(cluster.nodes.map((n) => n.nodeId)).toEqual([1, 2, 3])
  const topic = await createTopic(cluster, {
    partitions: 3,
    replicationFactor: 3,
    configs: { 'min.insync.replicas': '2' },
  })
  const kafka = new Kafka({
    brokers: [...cluster.brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 20, maxRetryTime: 2000 },
  })
  const admin = kafka.admin()
  const producer = kafka.producer({ idempotent: true })
  await admin.connect()
  await producer.connect()
  const acknowledged: string[] = []
  let next = 0
  const sendBatch = async () => {
    const values = Array.from({ length: 20 }, () => String(next++))
    await producer.send({ topic, acks: -1, messages: values.map((value) => ({ key: value, value })) })
    acknowledged.push(...values)
  }
  try {
    for (let i = 0; i < 10; i++) await sendBatch()

    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] })
    const victimId = topics[0]!.partitions.find((p) => p.partitionId === 0)!.leader
    const victim = cluster.nodes.find((n) => n.nodeId === victimId)!
    await victim.kill()
    const beforeOutage = acknowledged.length

    // Writes with acks=all keep being acknowledged by the two remaining replicas (min.insync.replicas=2).
    for (let i = 0; i < 10; i++) await sendBatch()
    expect(acknowledged.length).toBe(beforeOutage + 200)

    // Reads are served while the node is down.
    const duringOutage = await readAll(kafka, topic, acknowledged.length)
    expect(acknowledged.filter((v) => !duringOutage.has(v))).toEqual([])

    await victim.restart()
    for (let i = 0; i < 5; i++) await sendBatch()
    // The restarted node catches up: every partition has all three replicas in sync again.
    await waitFor(
      async () => {
        const meta = await admin.fetchTopicMetadata({ topics: [topic] })
        return meta.topics[0]!.partitions.every((p) => p.isr.length === 3)
      },
      { timeoutMs: 90_000, description: 'all replicas back in sync' },
    )
    const afterRejoin = await readAll(kafka, topic, acknowledged.length)
    const missing = acknowledged.filter((v) => !afterRejoin.has(v))
    expect(missing).toEqual([])
    expect(afterRejoin.size).toBe(acknowledged.length)
  } finally {
    await producer.disconnect()
    await admin.disconnect()
  }
})
