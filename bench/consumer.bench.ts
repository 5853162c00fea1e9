import { createConsumer } from '@kafkakit/consumer'
import { type AnyTopic, bytes, createClient, defineTopic, json } from '@kafkakit/core'
import { createTopic, type KafkaCluster, startKafka, uniqueName } from '@kafkakit/testing'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, test } from 'vitest'
import { z } from 'zod'

// The kafkakit consumer against raw kafkajs in the same run, same broker, same topic. Each topic is
// preloaded once (raw kafkajs producer, null keys, values of 100 B or 1 KiB that are valid JSON); then
// every contender reads it whole from the beginning with a fresh group id until it has seen all N records:
//   raw eachMessage         kafkajs eachMessage, autoCommit default
//   raw eachBatch           kafkajs eachBatch, eachBatchAutoResolve default (true)
//   raw eachBatch+message   the same, building per record a message of kafkakit's shape (diagnostic)
//   kafkakit                createConsumer, bytes() value topic, default options (commit 'after-process')
//   kafkakit batch-commits  the same without the commit every 500 records (diagnostic, see below)
//   raw eachMessage+zod     kafkajs eachMessage + JSON.parse + zod parse
//   kafkakit json(zod)      createConsumer, json(zod) value topic, same zod schema
// Main figure ("steady"): from the first record seen to the last, wall time (records/s) and process CPU
// (process.cpuUsage: user + system, all threads of this process) per record. "From start" also counts the
// connect, the group join and the first fetch. One warm-up round (not reported), then BENCH_ROUNDS
// measured rounds, the contenders in turn within each round. Ratios are ratios of the means over the
// rounds; each line also gives the median of the per-round ratios (robust to load from other processes
// that comes and goes). `npm run bench:consumer` runs the file twice (BENCH_ORDER=raw-first, then
// kafkakit-first) with the broker and the benchmark on separate cores.
// Each contender's read in a round does its own timing, so it is a plain test (run once, in order)
// rather than a tinybench benchmark (vitest's bench fixture), whose repeated calls it has no use for.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6)
/** Scales the record counts (quick trial runs: BENCH_SCALE=0.1). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
/** Only these contenders (comma-separated names), e.g. for a profile of kafkakit alone. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim())
/** Only these cases (semicolon-separated), e.g. '100 B, 1 partition; 1 KiB, 1 partition'. */
const CASES = process.env.BENCH_CASES?.split(';').map((name) => name.trim())
const TIMEOUT_MS = 300_000

const cluster: KafkaCluster = await startKafka({
  mode: process.env.KAFKA_BOOTSTRAP_SERVERS ? 'external' : 'local',
})
const kafka = new Kafka({ brokers: [...cluster.brokers], logLevel: logLevel.NOTHING })
const client = createClient({ brokers: [...cluster.brokers] })

const Payload = z.object({
  id: z.number().int(),
  type: z.enum(['buy', 'sell', 'click', 'hover', 'idle_5']),
  at: z.string(),
  note: z.string(),
})
type Payload = z.infer<typeof Payload>

/** A JSON value of exactly `size` bytes. */
function payload(id: number, size: number): Buffer {
  const base: Payload = { id, type: 'click', at: new Date(1_700_000_000_000 + id).toISOString(), note: '' }
  const length = Buffer.byteLength(JSON.stringify(base))
  return Buffer.from(JSON.stringify({ ...base, note: 'x'.repeat(Math.max(0, size - length)) }))
}

interface Case {
  readonly label: string
  readonly count: number
  readonly bytesTopic: AnyTopic
  readonly jsonTopic: AnyTopic
}

const caseLabel = (size: number, partitions: number) =>
  `${size === 1024 ? '1 KiB' : `${size} B`}, ${partitions} partition${partitions > 1 ? 's' : ''}`

/** Creates and fills a topic with `count` records of `size` bytes, round robin over the partitions. */
async function preload(size: number, partitions: number, count: number): Promise<Case> {
  const name = await createTopic(cluster, { prefix: `bench-consume-${size}b-${partitions}p`, partitions })
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  const batchSize = 1000
  let next = 0
  const worker = async () => {
    while (next < count) {
      const from = next
      next = Math.min(count, next + batchSize)
      const messages = []
      for (let i = from; i < next; i++) messages.push({ value: payload(i, size), partition: i % partitions })
      await producer.send({ topic: name, acks: -1, messages })
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  await producer.disconnect()
  return {
    label: caseLabel(size, partitions),
    count,
    bytesTopic: defineTopic({ name, value: bytes() }),
    jsonTopic: defineTopic({ name, value: json(Payload) }),
  }
}

interface Sample {
  /** Records/s and CPU µs per record from the first record to the last (the main figure). */
  readonly steadyRate: number
  readonly steadyCpu: number
  /** The same from before connect/start(), group join and first fetch included. */
  readonly totalRate: number
  readonly totalCpu: number
}

const cpuMicros = (usage: NodeJS.CpuUsage) => usage.user + usage.system

/** Counts records; resolves once all `count` were seen, with the times and CPU of the run. */
function tracker(count: number) {
  const startedAt = performance.now()
  const cpuStart = process.cpuUsage()
  let seen = 0
  let firstAt = 0
  let cpuFirst = cpuStart
  let resolve!: (sample: Sample) => void
  let reject!: (error: Error) => void
  const done = new Promise<Sample>((res, rej) => {
    resolve = res
    reject = rej
  })
  const timer = setTimeout(
    () => reject(new Error(`saw ${seen} of ${count} records in ${TIMEOUT_MS} ms`)),
    TIMEOUT_MS,
  )
  return {
    done,
    record() {
      seen += 1
      if (seen === 1) {
        firstAt = performance.now()
        cpuFirst = process.cpuUsage()
      } else if (seen === count) {
        const endedAt = performance.now()
        const cpuEnd = process.cpuUsage()
        clearTimeout(timer)
        resolve({
          steadyRate: (count - 1) / ((endedAt - firstAt) / 1000),
          steadyCpu: (cpuMicros(cpuEnd) - cpuMicros(cpuFirst)) / (count - 1),
          totalRate: count / ((endedAt - startedAt) / 1000),
          totalCpu: (cpuMicros(cpuEnd) - cpuMicros(cpuStart)) / count,
        })
      }
    },
  }
}
type Tracker = ReturnType<typeof tracker>

/** Keeps the handlers' reads of the values from being optimized away. */
let sink = 0

const noHeaders = Object.freeze({})
const notManual = () => Promise.resolve()
interface BuiltMessage {
  readonly topic: string
  readonly partition: number
  readonly offset: string
  readonly timestamp: Date
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers: object
  readonly rawHeaders: object
  readonly attempt: number
  readonly commit: () => Promise<void>
}

/** Starts consuming `c` into `t`; resolves to a function that stops the consumer. */
type Contender = (c: Case, t: Tracker) => Promise<() => Promise<void>>

async function rawConsumer(
  c: Case,
  run: (consumer: ReturnType<typeof kafka.consumer>) => Promise<void>,
): Promise<() => Promise<void>> {
  const consumer = kafka.consumer({ groupId: uniqueName('bench-raw'), allowAutoTopicCreation: false })
  await consumer.connect()
  await consumer.subscribe({ topics: [c.bytesTopic.name], fromBeginning: true })
  await run(consumer)
  return () => consumer.disconnect()
}

async function kafkakitConsumer(
  topic: AnyTopic,
  handler: (value: unknown) => void,
  options: { autoCommitEveryRecords?: number } = {},
): Promise<() => Promise<void>> {
  const consumer = createConsumer(client, {
    groupId: uniqueName('bench-kafkakit'),
    topics: [topic],
    fromBeginning: true,
    handler: async (message) => handler(message.value),
    ...options,
  })
  await consumer.start()
  return () => consumer.stop()
}

const contenders = {
  'raw eachMessage': (c, t) =>
    rawConsumer(c, (consumer) =>
      consumer.run({
        eachMessage: async ({ message }) => {
          sink += message.value?.length ?? 0
          t.record()
        },
      }),
    ),
  'raw eachBatch': (c, t) =>
    rawConsumer(c, (consumer) =>
      consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            sink += message.value?.length ?? 0
            t.record()
          }
        },
      }),
    ),
  // Diagnostic: raw eachBatch that builds, per record, an object of the shape kafkakit hands a handler
  // (ConsumedMessage: ten fields, the timestamp a Date parsed from kafkajs's string). The floor of any
  // typed per-record message over raw eachBatch; kafkakit batchHandler is compared with it too.
  'raw eachBatch+message': (c, t) =>
    rawConsumer(c, (consumer) =>
      consumer.run({
        eachBatch: async ({ batch }) => {
          const messages = new Array<BuiltMessage>(batch.messages.length)
          for (let i = 0; i < batch.messages.length; i++) {
            const m = batch.messages[i]!
            messages[i] = {
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              timestamp: new Date(Number(m.timestamp)),
              key: m.key,
              value: m.value,
              headers: noHeaders,
              rawHeaders: m.headers ?? noHeaders,
              attempt: 1,
              commit: notManual,
            }
          }
          for (const message of messages) {
            sink += message.value?.length ?? 0
            t.record()
          }
        },
      }),
    ),
  kafkakit: (c, t) =>
    kafkakitConsumer(c.bytesTopic, (value) => {
      sink += (value as Buffer).length
      t.record()
    }),
  // Diagnostic: default options but autoCommitEveryRecords out of reach, so kafkakit commits at the end of
  // each batch (and every 5 s) like raw kafkajs, instead of every 500 records too.
  'kafkakit batch-commits': (c, t) =>
    kafkakitConsumer(
      c.bytesTopic,
      (value) => {
        sink += (value as Buffer).length
        t.record()
      },
      { autoCommitEveryRecords: Number.MAX_SAFE_INTEGER },
    ),
  'kafkakit batchHandler': async (c, t) => {
    const consumer = createConsumer(client, {
      groupId: uniqueName('bench-kafkakit'),
      topics: [c.bytesTopic],
      fromBeginning: true,
      batchHandler: async (messages) => {
        for (const message of messages) {
          sink += (message.value as Buffer).length
          t.record()
        }
      },
    })
    await consumer.start()
    return () => consumer.stop()
  },
  'raw eachMessage+zod': (c, t) =>
    rawConsumer(c, (consumer) =>
      consumer.run({
        eachMessage: async ({ message }) => {
          const value = Payload.parse(JSON.parse(message.value!.toString('utf8')))
          sink += value.id
          t.record()
        },
      }),
    ),
  'kafkakit json(zod)': (c, t) =>
    kafkakitConsumer(c.jsonTopic, (value) => {
      sink += (value as Payload).id
      t.record()
    }),
} satisfies Record<string, Contender>
type ContenderName = keyof typeof contenders

/** The ratios reported: kafkakit over its raw counterpart. */
const comparisons: readonly [kit: ContenderName, raw: ContenderName][] = [
  ['kafkakit', 'raw eachMessage'],
  ['kafkakit', 'raw eachBatch'],
  ['kafkakit batch-commits', 'raw eachMessage'],
  ['kafkakit batchHandler', 'raw eachBatch'],
  ['raw eachBatch+message', 'raw eachBatch'],
  ['kafkakit batchHandler', 'raw eachBatch+message'],
  ['kafkakit json(zod)', 'raw eachMessage+zod'],
]

const names = (Object.keys(contenders) as ContenderName[]).filter((name) => !ONLY || ONLY.includes(name))
const order = process.env.BENCH_ORDER === 'kafkakit-first' ? [...names].reverse() : names

const samples = new Map<string, Sample[]>()
const key = (c: Case, name: ContenderName) => `${c.label}|${name}`

async function consume(c: Case, name: ContenderName): Promise<Sample> {
  const t = tracker(c.count)
  const stop = await contenders[name](c, t)
  try {
    return await t.done
  } finally {
    await stop()
  }
}

const specs = [
  { size: 100, partitions: 1, count: 200_000 },
  { size: 100, partitions: 3, count: 200_000 },
  { size: 1024, partitions: 1, count: 50_000 },
  { size: 1024, partitions: 3, count: 50_000 },
]
const cases: Case[] = []
for (const spec of specs) {
  if (CASES && !CASES.includes(caseLabel(spec.size, spec.partitions))) continue
  cases.push(await preload(spec.size, spec.partitions, Math.round(spec.count * SCALE)))
}

/** A read's time limit: the tracker's own, plus time to stop the consumer. */
const READ_TIMEOUT_MS = TIMEOUT_MS + 60_000
for (const c of cases) {
  describe(`${c.label}, ${c.count} records`, () => {
    for (let round = 0; round <= ROUNDS; round++) {
      for (const name of order) {
        test(
          `${round === 0 ? 'warm-up' : `round ${round}`}: ${name}`,
          async () => {
            const sample = await consume(c, name)
            if (round === 0) return
            const list = samples.get(key(c, name)) ?? []
            list.push(sample)
            samples.set(key(c, name), list)
          },
          READ_TIMEOUT_MS,
        )
      }
    }
  })
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const middle = sorted.length / 2
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
/** Median over the rounds of kafkakit/raw within one round (the two ran minutes apart at most). */
const pairedMedian = (kit: readonly Sample[], raw: readonly Sample[], pick: (s: Sample) => number) =>
  median(kit.slice(0, raw.length).map((s, i) => pick(s) / pick(raw[i]!)))
const summary = (xs: readonly Sample[]) => ({
  rate: mean(xs.map((s) => s.steadyRate)),
  cpu: mean(xs.map((s) => s.steadyCpu)),
  minRate: Math.min(...xs.map((s) => s.steadyRate)),
  maxRate: Math.max(...xs.map((s) => s.steadyRate)),
  totalRate: mean(xs.map((s) => s.totalRate)),
  totalCpu: mean(xs.map((s) => s.totalCpu)),
})

afterAll(async () => {
  await client.stop()
  await cluster.stop()
  if (sink < 0) console.info('unreachable')
  for (const c of cases) {
    for (const name of names) {
      const list = samples.get(key(c, name))
      if (!list?.length) continue
      const s = summary(list)
      console.info(
        `[consumer-bench] ${c.label} | ${name} | steady ${s.rate.toFixed(0)} rec/s ` +
          `(min ${s.minRate.toFixed(0)}, max ${s.maxRate.toFixed(0)}, ${list.length} rounds), ` +
          `${s.cpu.toFixed(2)} µs CPU/rec | from start ${s.totalRate.toFixed(0)} rec/s, ${s.totalCpu.toFixed(2)} µs CPU/rec`,
      )
    }
    for (const [kit, raw] of comparisons) {
      const kitList = samples.get(key(c, kit))
      const rawList = samples.get(key(c, raw))
      if (!kitList?.length || !rawList?.length) continue
      const k = summary(kitList)
      const r = summary(rawList)
      console.info(
        `[consumer-bench] ${c.label} | ${kit} / ${raw} | throughput ${(k.rate / r.rate).toFixed(3)} | ` +
          `CPU/rec ${(k.cpu / r.cpu).toFixed(3)} | from start: throughput ${(k.totalRate / r.totalRate).toFixed(3)}, ` +
          `CPU/rec ${(k.totalCpu / r.totalCpu).toFixed(3)} | per-round median: throughput ` +
          `${pairedMedian(kitList, rawList, (s) => s.steadyRate).toFixed(3)}, ` +
          `CPU/rec ${pairedMedian(kitList, rawList, (s) => s.steadyCpu).toFixed(3)}`,
      )
    }
  }
})
