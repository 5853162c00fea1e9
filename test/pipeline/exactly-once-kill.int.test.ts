import { type ChildProcess, spawn } from 'node:child_process'
import {
  checkDelivery,
  createTopic,
  type KafkaCluster,
  startKafka,
  uniqueName,
  waitFor,
} from '@kafkakit/testing'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { readWithLibrdkafka } from '../interop/read-with-librdkafka.js'

// An exactly-once copier (input → output, offsets in the same transactions) runs as a child process and
// is SIGKILLed 20 times at random points, restarted each time; three of those times a broker of the
// 3-node cluster is restarted under it too. librdkafka, which shares no code with kafkajs, then reads the
// output read_committed: it must equal the input exactly, each record once.
const TOTAL = 20_000
const KILLS = 20
const BROKER_RESTART_AT = new Set([4, 10, 16])

let cluster: KafkaCluster
beforeAll(async () => {
  cluster = await startKafka({
    nodes: 3,
    brokerConfig: {
      'broker.session.timeout.ms': 3000,
      'broker.heartbeat.interval.ms': 500,
      // A killed copier leaves its group only when its session times out: let that be 3 s, not 6.
      'group.min.session.timeout.ms': 1000,
    },
  })
}, 300_000)
afterAll(async () => {
  await cluster?.stop()
})

const copierScript = `
  const { createClient, defineTopic, string } = await import('@kafkakit/core')
  const { createConsumer } = await import('@kafkakit/consumer')
  const { createTransactionalProducer } = await import('@kafkakit/producer')
  const env = process.env
  const client = createClient({ brokers: env.BROKERS.split(','), clientId: 'copier' })
  const input = defineTopic({ name: env.INPUT, key: string(), value: string() })
  const output = defineTopic({ name: env.OUTPUT, key: string(), value: string() })
  let handled = 0
  const consumer = createConsumer(client, {
    groupId: env.GROUP, topics: [input], fromBeginning: true, sessionTimeoutMs: 3000, heartbeatIntervalMs: 300,
    exactlyOnce: { producer: createTransactionalProducer, maxRecordsPerTransaction: 100 },
    handler: async (message, { send }) => {
      await send(output, { key: message.key, value: 'copy-' + message.value })
      if (++handled % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    },
  })
  process.once('SIGTERM', () => void consumer.stop().then(() => process.exit(0)))
  await consumer.start()
`

test('an exactly-once copier SIGKILLed 20 times, with broker restarts: the output read_committed equals the input exactly', async () => {
  const topicSpec = { partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }
  const input = await createTopic(cluster, topicSpec)
  const output = await createTopic(cluster, topicSpec)
  const kafka = new Kafka({ brokers: [...cluster.brokers], logLevel: logLevel.NOTHING })
  const producer = kafka.producer({ idempotent: true })
  await producer.connect()
  const values = Array.from({ length: TOTAL }, (_, i) => `v-${i}`)
  for (let i = 0; i < TOTAL; i += 1000) {
    await producer.send({
      topic: input,
      messages: values.slice(i, i + 1000).map((value) => ({ key: value, value })),
    })
  }
  await producer.disconnect()

  const group = uniqueName('copier')
  const admin = kafka.admin()
  await admin.connect()
  const committed = async () => {
    try {
      const [answer] = await admin.fetchOffsets({ groupId: group, topics: [input] })
      return answer!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0)
    } catch {
      return -1 // a broker is restarting
    }
  }
  const env = {
    ...process.env,
    BROKERS: cluster.bootstrapServers,
    INPUT: input,
    OUTPUT: output,
    GROUP: group,
  }
  const start = (): ChildProcess =>
    spawn(process.execPath, ['--input-type=module', '-e', copierScript], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  const stopChild = async (child: ChildProcess, signal: NodeJS.Signals) => {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }

  let kills = 0
  let brokerRestarts = 0
  try {
    for (; kills < KILLS && (await committed()) < TOTAL; kills++) {
      const child = start()
      const before = Math.max(0, await committed())
      if (BROKER_RESTART_AT.has(kills)) {
        const node = cluster.nodes[brokerRestarts % cluster.nodes.length]!
        await node.kill()
        await new Promise((resolve) => setTimeout(resolve, 1000))
        await node.restart()
        brokerRestarts++
      }
      // Kill it while it works: once it has committed more, after a random moment more.
      await waitFor(async () => (await committed()) > before + 100 || (await committed()) >= TOTAL, {
        timeoutMs: 120_000,
        intervalMs: 100,
        description: 'the copier to make progress',
      })
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300))
      await stopChild(child, 'SIGKILL')
    }
    const last = start()
    await waitFor(async () => (await committed()) >= TOTAL, {
      timeoutMs: 240_000,
      description: `all ${TOTAL} input records committed`,
    })
    await stopChild(last, 'SIGTERM')
  } finally {
    await admin.disconnect()
  }

  const seen = await readWithLibrdkafka(cluster.bootstrapServers, output, -1, { idleSeconds: 5 })
  const expected = values.map((v) => `copy-${v}`)
  const report = checkDelivery(expected, seen)
  const all = await readWithLibrdkafka(cluster.bootstrapServers, output, -1, {
    isolation: 'read_uncommitted',
    idleSeconds: 5,
  })
  console.info(
    `[reliability] exactly-once copier killed ${kills} times, ${brokerRestarts} broker restarts: ${TOTAL} input records, ` +
      `output read_committed ${seen.length} (missing ${report.lost.length}, duplicates ${report.duplicates.length}); ` +
      `read_uncommitted ${all.length} (aborted writes included)`,
  )
  expect(kills).toBe(KILLS)
  expect(brokerRestarts).toBe(BROKER_RESTART_AT.size)
  expect(report.lost).toEqual([])
  expect(report.duplicates).toEqual([])
  expect(seen.length).toBe(TOTAL)
  // Negative controls: the same checker notices a record written twice, and one never written.
  expect(checkDelivery(expected, [...seen, seen[0]!]).duplicates).toEqual([seen[0]])
  expect(checkDelivery(expected, seen.slice(1)).lost).toEqual([seen[0]])
}, 900_000)
