import { createClient, defineTopic, json, type KafkaClient, string } from '@kafkakit/core'
import { checkDelivery, createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { z } from 'zod'
import { createConsumer } from './create-consumer.js'
import { DeadLetterHeader } from './dead-letter.js'
import { rawKafka } from './raw-kafka.test-helper.js'

// 10,000 records over 3 partitions, 1% poison pills and 1% transient failures. The dead-letter topic does
// not exist at first (unwritable): meanwhile no committed offset may pass a poison pill. Once it exists,
// it must hold exactly the poison pills, with their bytes and headers.
const { bootstrapServers } = inject('kafkakit')
const { raw, produceRaw, readRaw } = rawKafka(bootstrapServers)
const TOTAL = 10_000
const PARTITIONS = 3

let client: KafkaClient
beforeAll(() => {
  client = createClient({ brokers: bootstrapServers.split(','), clientId: 'dlq-reliability' })
})
afterAll(async () => {
  await client.stop()
})

/** Partitions whose committed offset is past their first poison pill (offset of the poison < committed). */
function passedPoison(
  committed: ReadonlyMap<number, bigint>,
  firstPoison: ReadonlyMap<number, bigint>,
): number[] {
  return [...firstPoison].filter(([p, offset]) => (committed.get(p) ?? -1n) > offset).map(([p]) => p)
}

test('dead letters at scale: 1% poison and 1% transient failures; while the dead-letter topic is unwritable no committed offset passes a poison pill; then it holds exactly the poison set, byte for byte', async () => {
  const name = await createTopic(bootstrapServers, { partitions: PARTITIONS })
  const topic = defineTopic({ name, key: string(), value: json(z.object({ n: z.number().int() })) })
  const random = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const draw = random(42)
  const poison = new Set<number>()
  const transient = new Set<number>()
  while (poison.size < TOTAL / 100) poison.add(Math.floor(draw() * TOTAL))
  while (transient.size < TOTAL / 100) {
    const n = Math.floor(draw() * TOTAL)
    if (!poison.has(n)) transient.add(n)
  }
  const bytesOf = (n: number) =>
    poison.has(n) ? Buffer.from([0x7b, n % 256, 0xff, 0x00]) : JSON.stringify({ n })
  const messages = Array.from({ length: TOTAL }, (_, n) => ({
    key: `k${n}`,
    value: bytesOf(n),
    headers: { 'x-n': String(n) },
  }))
  for (let i = 0; i < TOTAL; i += 1000) await produceRaw(name, messages.slice(i, i + 1000))

  // Where each poison pill landed, and the first one of each partition.
  const located = await readRaw(name, TOTAL)
  const poisonAt = new Map<number, { partition: number; offset: bigint }>()
  for (const r of located) {
    const n = Number(r.headers['x-n']!.toString())
    if (poison.has(n)) poisonAt.set(n, { partition: r.partition, offset: BigInt(r.offset) })
  }
  const firstPoison = new Map<number, bigint>()
  for (const { partition, offset } of poisonAt.values())
    if (!firstPoison.has(partition) || offset < firstPoison.get(partition)!)
      firstPoison.set(partition, offset)

  const handled = new Set<number>()
  const failedOnce = new Set<number>()
  const groupId = uniqueName('dlq')
  await using consumer = createConsumer(client, {
    groupId,
    topics: [topic],
    fromBeginning: true,
    deadLetter: true,
    concurrency: PARTITIONS,
    retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 500 },
    handler: ({ value: { n } }) => {
      if (transient.has(n) && !failedOnce.has(n)) {
        failedOnce.add(n)
        throw new Error(`record ${n} fails once`)
      }
      handled.add(n)
    },
  })
  const admin = raw.admin()
  await admin.connect()
  const committed = async () =>
    new Map(
      (await admin.fetchOffsets({ groupId, topics: [name] }))[0]!.partitions.map((p) => [
        p.partition,
        BigInt(p.offset),
      ]),
    )
  try {
    await consumer.start()
    // The dead-letter topic does not exist yet: watch the committed offsets for 10 s.
    const until = Date.now() + 10_000
    let samples = 0
    while (Date.now() < until) {
      expect(passedPoison(await committed(), firstPoison)).toEqual([])
      samples++
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const stalled = await committed()
    // Every partition got as far as its first poison pill, and stopped there.
    for (const [p, offset] of firstPoison) expect(stalled.get(p)).toBe(offset)
    // Negative control: the same check flags a partition whose committed offset is past its poison pill.
    const [p0, o0] = [...firstPoison][0]!
    expect(passedPoison(new Map([[p0, o0 + 1n]]), firstPoison)).toEqual([p0])

    await createTopic(bootstrapServers, { name: `${name}-dlt`, partitions: PARTITIONS })
    await waitFor(
      async () => [...(await committed()).values()].reduce((a, b) => a + b, 0n) === BigInt(TOTAL),
      { timeoutMs: 180_000, description: 'every record committed' },
    )
    console.info(
      `[reliability] dead letters: ${TOTAL} records, ${poison.size} poison, ${failedOnce.size} transient failures, ` +
        `${samples} committed-offset samples while the dead-letter topic was missing, none past a poison pill`,
    )
  } finally {
    await admin.disconnect()
  }

  const dead = await readRaw(`${name}-dlt`, poison.size, { quietMs: 2000 })
  const deadNs = dead.map((d) => Number(d.headers['x-n']!.toString()))
  const report = checkDelivery([...poison].map(String), deadNs.map(String))
  expect(report.lost).toEqual([])
  expect(report.duplicates).toEqual([])
  expect(new Set(deadNs)).toEqual(poison)
  for (const d of dead) {
    const n = Number(d.headers['x-n']!.toString())
    expect(d.key).toEqual(Buffer.from(`k${n}`))
    expect(d.value).toEqual(bytesOf(n))
    const at = poisonAt.get(n)!
    expect((d.headers[DeadLetterHeader.ORIGINAL_PARTITION] as Buffer).readInt32BE()).toBe(at.partition)
    expect((d.headers[DeadLetterHeader.ORIGINAL_OFFSET] as Buffer).readBigInt64BE()).toBe(at.offset)
    expect(d.headers[DeadLetterHeader.ATTEMPTS]?.toString()).toBe('0')
    expect(d.headers[DeadLetterHeader.EXCEPTION_FQCN]?.toString()).toBe('KafkakitError')
  }
  // Every other record was handled, the transient ones after their one failure.
  const good = Array.from({ length: TOTAL }, (_, n) => n).filter((n) => !poison.has(n))
  expect(checkDelivery(good.map(String), [...handled].map(String)).lost).toEqual([])
  expect(failedOnce).toEqual(transient)
  // Negative control: the dead-letter check notices a missing and an extra record.
  const wrong = checkDelivery([...poison].map(String), [...deadNs.slice(1), deadNs[1]!].map(String))
  expect(wrong.lost).toEqual([String(deadNs[0])])
  expect(wrong.duplicates).toEqual([String(deadNs[1])])
}, 300_000)
