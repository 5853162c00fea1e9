import { bytes, createClient, defineTopic, string } from '@kafkakit/core'
import { createProducer } from '@kafkakit/producer'
import { createTopic, type KafkaCluster, startKafka } from '@kafkakit/testing'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { afterAll, describe, test } from 'vitest'

// The kafkakit producer against raw kafkajs in the same run, same broker, same settings (idempotent,
// acks=all, explicit partition 0, bytes values, string keys): one awaited send per message, and batches
// of 100. A second raw kafkajs producer is measured the same way as a control: its ratio to the first
// shows how far two identical contenders drift apart on this machine (the noise floor). A third, raw
// kafkajs with shaped messages, gives each message the two properties kafkajs's record encoder adds
// (offsetDelta, timestampDelta), as kafkakit does: on Node 20 that avoids a slow path in V8
// (packages/core/src/kafkajs/kafkajs-message.ts), so it shows kafkakit against the fastest raw kafkajs.
//
// Each case runs in rounds. Every round creates fresh producers (new connections), then lets each
// contender send for BENCH_ROUND_MS in SLICES slices, the contenders taking turns in a rotating order.
// Per contender and round: messages/s of wall time and CPU µs per message (process.cpuUsage, user +
// system). Reported: the median of the per-round ratios to raw kafkajs with its interquartile range, and
// the ratio of the totals. The first round of each case is a warm-up, not reported.
// The rounds do their own timing, so each is a plain test (run once, in order) rather than a tinybench
// benchmark (vitest's bench fixture), whose repeated calls and statistics a round has no use for.
// `npm run bench:producer` pins the broker and the benchmark to separate cores.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12)
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1500)
const SLICES = 3

const cluster: KafkaCluster = await startKafka({
  mode: process.env.KAFKA_BOOTSTRAP_SERVERS ? 'external' : 'local',
})
const topicName = await createTopic(cluster, { partitions: 1 })
const kafka = new Kafka({ brokers: [...cluster.brokers], logLevel: logLevel.NOTHING })
const client = createClient({ brokers: [...cluster.brokers] })
const topic = defineTopic({ name: topicName, key: string(), value: bytes() })

const contenders = [
  'raw kafkajs',
  'raw kafkajs (control)',
  'raw kafkajs, shaped messages',
  'kafkakit',
] as const
type Contender = (typeof contenders)[number]
/** A round's time limit: every contender's sends, plus ample time to connect and close the producers. */
const ROUND_TIMEOUT_MS = contenders.length * ROUND_MS + 120_000
interface Sample {
  messages: number
  wallMs: number
  cpuMicros: number
}
interface Sender {
  send(): Promise<unknown>
  stop(): Promise<void>
}

type Records = readonly { readonly key: string; readonly value: Buffer }[]

async function rawSender(records: Records, shaped = false): Promise<Sender> {
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  const send = () =>
    producer.send({
      topic: topicName,
      acks: -1,
      messages: shaped
        ? records.map((r) => ({
            key: r.key,
            value: r.value,
            partition: 0,
            offsetDelta: 0,
            timestampDelta: 0,
          }))
        : records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
    })
  await send()
  return { send, stop: () => producer.disconnect() }
}

async function kafkakitSender(records: Records): Promise<Sender> {
  const producer = createProducer(client)
  await producer.start()
  const send = () =>
    producer.send(
      topic,
      records.map((r) => ({ key: r.key, value: r.value, partition: 0 })),
    )
  await send()
  return { send, stop: () => producer.stop() }
}

const makers: Record<Contender, (records: Records) => Promise<Sender>> = {
  'raw kafkajs': (records) => rawSender(records),
  'raw kafkajs (control)': (records) => rawSender(records),
  'raw kafkajs, shaped messages': (records) => rawSender(records, true),
  kafkakit: kafkakitSender,
}

/** Sends for `ms`, awaiting each send, into `sample`. */
async function measure(sender: Sender, ms: number, perOp: number, sample: Sample): Promise<void> {
  const cpuStart = process.cpuUsage()
  const started = performance.now()
  const until = started + ms
  let ops = 0
  while (performance.now() < until) {
    await sender.send()
    ops++
  }
  const used = process.cpuUsage(cpuStart)
  sample.messages += ops * perOp
  sample.wallMs += performance.now() - started
  sample.cpuMicros += used.user + used.system
}

const results = new Map<string, Record<Contender, Sample[]>>()
/** The contenders, the first `by` (modulo their number) moved to the end. */
const rotated = (by: number): Contender[] => {
  const order = [...contenders]
  for (let k = 0; k < by % order.length; k++) order.push(order.shift()!)
  return order
}
const noSamples = () =>
  Object.fromEntries(contenders.map((name) => [name, [] as Sample[]])) as Record<Contender, Sample[]>

for (const size of [100, 1024]) {
  const value = Buffer.alloc(size, 'x')
  const batch = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value }))
  for (const [label, perOp] of [
    ['1 message per awaited send', 1],
    ['batches of 100', 100],
  ] as const) {
    const group = `${size === 1024 ? '1 KiB' : `${size} B`}, ${label}`
    const records = batch.slice(0, perOp)
    describe(group, () => {
      for (let round = 0; round <= ROUNDS; round++) {
        test(
          round === 0 ? 'warm-up' : `round ${round}`,
          async () => {
            const senders = {} as Record<Contender, Sender>
            const samples = {} as Record<Contender, Sample>
            // Created in a rotating order too: the broker hands each new connection to its next network
            // thread, so no contender keeps the same place among them.
            for (const name of rotated(round)) {
              senders[name] = await makers[name](records)
              samples[name] = { messages: 0, wallMs: 0, cpuMicros: 0 }
            }
            for (let slice = 0; slice < SLICES; slice++) {
              const order = rotated(round + slice)
              if (slice % 2) order.reverse()
              for (const name of order) await measure(senders[name], ROUND_MS / SLICES, perOp, samples[name])
            }
            for (const name of contenders) await senders[name].stop()
            if (round === 0) return
            const list = results.get(group) ?? noSamples()
            for (const name of contenders) list[name].push(samples[name])
            results.set(group, list)
          },
          ROUND_TIMEOUT_MS,
        )
      }
    })
  }
}

const quantile = (xs: readonly number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  return sorted[low]! + (sorted[Math.ceil(at)]! - sorted[low]!) * (at - low)
}
const rate = (s: Sample) => s.messages / (s.wallMs / 1000)
const cpu = (s: Sample) => s.cpuMicros / s.messages
const total = (xs: readonly Sample[]): Sample =>
  xs.reduce(
    (sum, s) => ({
      messages: sum.messages + s.messages,
      wallMs: sum.wallMs + s.wallMs,
      cpuMicros: sum.cpuMicros + s.cpuMicros,
    }),
    { messages: 0, wallMs: 0, cpuMicros: 0 },
  )

afterAll(async () => {
  await client.stop()
  await cluster.stop()
  for (const [group, list] of results) {
    const base = list['raw kafkajs']
    const b = total(base)
    console.info(
      `[producer-bench] ${group}: raw kafkajs ${rate(b).toFixed(0)} msg/s, ${cpu(b).toFixed(2)} µs CPU/msg (${base.length} rounds)`,
    )
    const pairs = [
      ['kafkakit', 'raw kafkajs'],
      ['raw kafkajs, shaped messages', 'raw kafkajs'],
      ['raw kafkajs (control)', 'raw kafkajs'],
      ['kafkakit', 'raw kafkajs, shaped messages'],
    ] as const
    for (const [name, against] of pairs) {
      const xs = list[name]
      const ys = list[against]
      const t = total(xs)
      const u = total(ys)
      const describeRatios = (f: (s: Sample) => number) => {
        const r = xs.map((s, i) => f(s) / f(ys[i]!))
        return `${quantile(r, 0.5).toFixed(3)} [${quantile(r, 0.25).toFixed(3)}–${quantile(r, 0.75).toFixed(3)}], totals ${(f(t) / f(u)).toFixed(3)}`
      }
      console.info(
        `[producer-bench] ${group}: ${name} ÷ ${against}: throughput ${describeRatios(rate)}; CPU/msg ${describeRatios(cpu)} ` +
          `(${rate(t).toFixed(0)} msg/s, ${cpu(t).toFixed(2)} µs CPU/msg)`,
      )
    }
  }
})
