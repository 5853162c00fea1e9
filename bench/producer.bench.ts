import { bytes, createClient, defineTopic, string } from '@kafkakit/core'
import { createProducer } from '@kafkakit/producer'
import { createTopic, type KafkaCluster, startKafka } from '@kafkakit/testing'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { afterAll, bench, describe } from 'vitest'

// The kafkakit producer against raw kafkajs in the same run, same broker, same settings (idempotent,
// acks=all, explicit partition 0 for both, bytes values): one awaited send per message, and batches of 100.
// Throughput (messages/s) and CPU per message are measured around each task's timed run with
// performance.now() and process.cpuUsage(). The broker shares the 2 cores, so `npm run bench:producer`
// runs it twice, the second time with BENCH_ORDER=kafkakit-first: average the two.

const cluster: KafkaCluster = await startKafka({
  mode: process.env.KAFKA_BOOTSTRAP_SERVERS ? 'external' : 'local',
})
const topicName = await createTopic(cluster, { partitions: 1 })
const kafka = new Kafka({ brokers: [...cluster.brokers], logLevel: logLevel.NOTHING })
const raw = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner })
await raw.connect()
const client = createClient({ brokers: [...cluster.brokers] })
const producer = createProducer(client)
const topic = defineTopic({ name: topicName, key: string(), value: bytes() })
await producer.connect()
// Warm both up (JIT, connections, the broker's log) before anything is measured.
for (let i = 0; i < 3000; i++) {
  await raw.send({ topic: topicName, acks: -1, messages: [{ key: 'w', value: 'warm-up', partition: 0 }] })
  await producer.send(topic, { key: 'w', value: Buffer.from('warm-up'), partition: 0 })
}

interface Measure {
  readonly group: string
  readonly task: string
  rate: number
  cpu: number
}
const measures: Measure[] = []

/** Messages per second and CPU µs per message of a task's last run (the timed one; warm-up runs come first). */
function meter(group: string, task: string, messagesPerOp: number) {
  const entry: Measure = { group, task, rate: 0, cpu: 0 }
  measures.push(entry)
  let cpuStart = process.cpuUsage()
  let started = 0
  let ops = 0
  return {
    setup: () => {
      cpuStart = process.cpuUsage()
      started = performance.now()
      ops = 0
    },
    count: () => {
      ops += 1
    },
    teardown: () => {
      if (ops === 0) return
      const used = process.cpuUsage(cpuStart)
      entry.rate = (ops * messagesPerOp) / ((performance.now() - started) / 1000)
      entry.cpu = (used.user + used.system) / (ops * messagesPerOp)
    },
  }
}

afterAll(async () => {
  await producer.close()
  await client.close()
  await raw.disconnect()
  await cluster.stop()
  for (const group of new Set(measures.map((m) => m.group))) {
    const rawRun = measures.find((m) => m.group === group && m.task === 'raw kafkajs')!
    const kit = measures.find((m) => m.group === group && m.task === 'kafkakit')!
    console.info(
      `[producer-bench] ${group}: raw ${rawRun.rate.toFixed(0)} msg/s, ${rawRun.cpu.toFixed(1)} µs CPU/msg; ` +
        `kafkakit ${kit.rate.toFixed(0)} msg/s, ${kit.cpu.toFixed(1)} µs CPU/msg; ` +
        `throughput kafkakit/raw ${(kit.rate / rawRun.rate).toFixed(3)}, CPU kafkakit/raw ${(kit.cpu / rawRun.cpu).toFixed(3)}`,
    )
  }
})

const order =
  process.env.BENCH_ORDER === 'kafkakit-first'
    ? (['kafkakit', 'raw kafkajs'] as const)
    : (['raw kafkajs', 'kafkakit'] as const)

// A first round that is not reported: whichever task runs first on a fresh broker is measurably slower.
describe('warm-up (not reported)', () => {
  const value = Buffer.alloc(100, 'x')
  bench(
    'raw kafkajs',
    () =>
      raw
        .send({ topic: topicName, acks: -1, messages: [{ key: 'w', value, partition: 0 }] })
        .then(() => undefined),
    { time: 2000 },
  )
  bench('kafkakit', () => producer.send(topic, { key: 'w', value, partition: 0 }).then(() => undefined), {
    time: 2000,
  })
})

for (const size of [100, 1024]) {
  const value = Buffer.alloc(size, 'x')
  const batch = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value }))
  for (const [label, perOp] of [
    ['1 message per awaited send', 1],
    ['batches of 100', 100],
  ] as const) {
    const group = `${size} B, ${label}`
    const records = batch.slice(0, perOp)
    const tasks = {
      'raw kafkajs': () =>
        raw.send({
          topic: topicName,
          acks: -1,
          messages: records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
        }),
      kafkakit: () =>
        producer.send(
          topic,
          records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
        ),
    }
    describe(group, () => {
      for (const name of order) {
        const m = meter(group, name, perOp)
        bench(
          name,
          async () => {
            await tasks[name]()
            m.count()
          },
          { time: 3000, warmupTime: 500, setup: m.setup, teardown: m.teardown },
        )
      }
    })
  }
}
