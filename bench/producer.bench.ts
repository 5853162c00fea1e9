import { bytes, createClient, defineTopic, string } from '@kafkakit/core'
import { createProducer } from '@kafkakit/producer'
import { createTopic, type KafkaCluster, startKafka } from '@kafkakit/testing'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { afterAll, bench, describe } from 'vitest'

// The kafkakit producer against raw kafkajs in the same run, same broker, same settings (idempotent,
// acks=all, explicit partition 0 for both, bytes values): one awaited send per message, and batches of 100.
// Throughput is vitest's hz (ops/s); CPU per message comes from process.cpuUsage() around each task.

const cluster: KafkaCluster = await startKafka({
  mode: process.env.KAFKA_BOOTSTRAP_SERVERS ? 'external' : 'local',
})
const topicName = await createTopic(cluster, { partitions: 1 })
const kafka = new Kafka({ brokers: [...cluster.brokers], logLevel: logLevel.NOTHING })
const raw = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner })
await raw.connect()
const client = createClient({ brokers: [...cluster.brokers] })
const producer = createProducer(client, { telemetry: true })
const topic = defineTopic({ name: topicName, key: string(), value: bytes() })
await producer.connect()
// Warm both up (JIT, connections, the broker's log) before anything is measured.
for (let i = 0; i < 3000; i++) {
  await raw.send({ topic: topicName, acks: -1, messages: [{ key: 'w', value: 'warm-up', partition: 0 }] })
  await producer.send(topic, { key: 'w', value: Buffer.from('warm-up'), partition: 0 })
}

afterAll(async () => {
  await producer.close()
  await client.close()
  await raw.disconnect()
  await cluster.stop()
  for (const line of cpu) console.info(line)
})

const cpu: string[] = []
function cpuMeter(name: string, messagesPerOp: number) {
  let start = process.cpuUsage()
  let ops = 0
  return {
    setup: () => {
      start = process.cpuUsage()
      ops = 0
    },
    count: () => {
      ops += 1
    },
    teardown: () => {
      const used = process.cpuUsage(start)
      if (ops > 0)
        cpu.push(
          `[cpu] ${name}: ${((used.user + used.system) / (ops * messagesPerOp)).toFixed(1)} µs per message`,
        )
    },
  }
}

for (const size of [100, 1024]) {
  const value = Buffer.alloc(size, 'x')
  const batch = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value }))
  for (const [label, perOp] of [
    ['1 message per awaited send', 1],
    ['batches of 100', 100],
  ] as const) {
    describe(`${size} B, ${label}`, () => {
      const rawMeter = cpuMeter(`raw kafkajs, ${size} B, ${label}`, perOp)
      const kitMeter = cpuMeter(`kafkakit, ${size} B, ${label}`, perOp)
      const records = perOp === 1 ? [batch[0]!] : batch
      bench(
        'raw kafkajs',
        async () => {
          await raw.send({
            topic: topicName,
            acks: -1,
            messages: records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
          })
          rawMeter.count()
        },
        { time: 3000, warmupTime: 500, setup: rawMeter.setup, teardown: rawMeter.teardown },
      )
      bench(
        'kafkakit',
        async () => {
          await producer.send(
            topic,
            records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
          )
          kitMeter.count()
        },
        { time: 3000, warmupTime: 500, setup: kitMeter.setup, teardown: kitMeter.teardown },
      )
    })
  }
}
