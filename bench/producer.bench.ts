import { bytes, createClient, defineTopic, string } from '@kafkakit/core'
import { createProducer } from '@kafkakit/producer'
import { createTopic, type KafkaCluster, startKafka } from '@kafkakit/testing'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { afterAll, bench, describe } from 'vitest'

// The kafkakit producer against raw kafkajs in the same run, same broker, same settings (idempotent,
// acks=all, explicit partition 0 for both, bytes values): one awaited send per message, and batches of 100.
// Each case runs in rounds: in every round each contender sends for BENCH_ROUND_MS, one after the other,
// the order alternating from round to round (whichever runs second gains a little here). Throughput
// (messages/s of wall time) and CPU per message (process.cpuUsage: user + system) per contender and round.
// Reported: the ratio of the means over the rounds, and the median of the per-round ratios (the two
// halves of a round run seconds apart, so load that comes and goes cancels out). One warm-up round per
// case is not reported. `npm run bench:producer` pins the broker and the benchmark to separate cores.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10)
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1500)

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

type Contender = 'raw kafkajs' | 'kafkakit'
interface Sample {
  /** Messages per second of wall time. */
  readonly rate: number
  /** CPU µs per message. */
  readonly cpu: number
}

/** Sends with `send` (one operation = `perOp` messages) for ROUND_MS, awaiting each. */
async function measure(send: () => Promise<unknown>, perOp: number): Promise<Sample> {
  const cpuStart = process.cpuUsage()
  const started = performance.now()
  const until = started + ROUND_MS
  let ops = 0
  while (performance.now() < until) {
    await send()
    ops++
  }
  const elapsed = performance.now() - started
  const used = process.cpuUsage(cpuStart)
  return { rate: (ops * perOp) / (elapsed / 1000), cpu: (used.user + used.system) / (ops * perOp) }
}

const results = new Map<string, { raw: Sample[]; kit: Sample[] }>()

for (const size of [100, 1024]) {
  const value = Buffer.alloc(size, 'x')
  const batch = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value }))
  for (const [label, perOp] of [
    ['1 message per awaited send', 1],
    ['batches of 100', 100],
  ] as const) {
    const group = `${size === 1024 ? '1 KiB' : `${size} B`}, ${label}`
    const records = batch.slice(0, perOp)
    const tasks: Record<Contender, () => Promise<unknown>> = {
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
      for (let round = 0; round <= ROUNDS; round++) {
        bench(
          round === 0 ? 'warm-up' : `round ${round}`,
          async () => {
            const order: Contender[] = round % 2 ? ['raw kafkajs', 'kafkakit'] : ['kafkakit', 'raw kafkajs']
            const samples = {} as Record<Contender, Sample>
            for (const name of order) samples[name] = await measure(tasks[name], perOp)
            if (round === 0) return
            const list = results.get(group) ?? { raw: [], kit: [] }
            list.raw.push(samples['raw kafkajs'])
            list.kit.push(samples.kafkakit)
            results.set(group, list)
          },
          { time: 0, iterations: 1, warmupTime: 0, warmupIterations: 0 },
        )
      }
    })
  }
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const middle = sorted.length / 2
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

afterAll(async () => {
  await producer.close()
  await client.close()
  await raw.disconnect()
  await cluster.stop()
  for (const [group, { raw: r, kit: k }] of results) {
    const pick = (xs: Sample[], f: (s: Sample) => number) => mean(xs.map(f))
    const perRound = (f: (s: Sample) => number) => median(k.map((s, i) => f(s) / f(r[i]!)))
    console.info(
      `[producer-bench] ${group}: raw ${pick(r, (s) => s.rate).toFixed(0)} msg/s, ` +
        `${pick(r, (s) => s.cpu).toFixed(1)} µs CPU/msg; kafkakit ${pick(k, (s) => s.rate).toFixed(0)} msg/s, ` +
        `${pick(k, (s) => s.cpu).toFixed(1)} µs CPU/msg; kafkakit/raw: throughput ` +
        `${(pick(k, (s) => s.rate) / pick(r, (s) => s.rate)).toFixed(3)} (per-round median ${perRound((s) => s.rate).toFixed(3)}), ` +
        `CPU ${(pick(k, (s) => s.cpu) / pick(r, (s) => s.cpu)).toFixed(3)} (per-round median ${perRound((s) => s.cpu).toFixed(3)}); ` +
        `${r.length} rounds`,
    )
  }
})
