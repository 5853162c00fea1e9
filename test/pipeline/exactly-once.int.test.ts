import { createConsumer, DeadLetterHeader, nonRetriable } from '@kafkakit/consumer'
import { defineTopic, json, string } from '@kafkakit/core'
import { createTransactionalProducer } from '@kafkakit/producer'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { z } from 'zod'
import { rawKafka } from '../../packages/consumer/src/raw-kafka.test-helper.js'
import { testClient } from '../test-client.js'

// Exactly-once consume-transform-produce: input → handler → output, offsets in the same transactions.
const { bootstrapServers } = inject('kafkakit')
const { produceRaw, readRaw } = rawKafka(bootstrapServers)
const In = z.object({ n: z.number().int() })
const Out = z.object({ n: z.number().int(), doubled: z.number().int() })
const TOTAL = 3000

const client = testClient('exactly-once-test')

test('exactly-once: every input record appears once in the output (read_committed), failed attempts are aborted, poison and fatal records are dead-lettered, and a second instance joining and the first leaving change nothing', async () => {
  const inputName = await createTopic(bootstrapServers, { partitions: 3 })
  const outputName = await createTopic(bootstrapServers, { partitions: 3 })
  await createTopic(bootstrapServers, { name: `${inputName}-dlt` })
  const input = defineTopic({ name: inputName, key: string(), value: json(In) })
  const output = defineTopic({ name: outputName, key: string(), value: json(Out) })

  const poison = new Set([100, 1500, 2999])
  const fatal = new Set([7, 1007, 2007])
  const transient = (n: number) => n % 97 === 0
  const messages = Array.from({ length: TOTAL }, (_, n) => ({
    key: `k${n}`,
    value: poison.has(n) ? `{"n":${n},` : JSON.stringify({ n }),
  }))
  for (let i = 0; i < TOTAL; i += 500) await produceRaw(inputName, messages.slice(i, i + 500))

  const groupId = uniqueName('copier')
  const failedOnce = new Set<number>()
  const instance = () =>
    createConsumer(client, {
      groupId,
      topics: [input],
      fromBeginning: true,
      deadLetter: true,
      retry: { attempts: 3, initialDelayMs: 10 },
      exactlyOnce: { producer: createTransactionalProducer, maxRecordsPerTransaction: 200 },
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1000,
      handler: async (message, { send }) => {
        const { n } = message.value
        await send(output, { key: message.key, value: { n, doubled: 2 * n } })
        // The output above was sent inside the transaction: these throws abort it.
        if (fatal.has(n)) throw nonRetriable(new Error(`record ${n} is fatal`))
        if (transient(n) && !failedOnce.has(n)) {
          failedOnce.add(n)
          throw new Error(`record ${n} fails once`)
        }
      },
    })

  const expected = TOTAL - poison.size - fatal.size
  const a = instance()
  await a.start()
  const admin = client.admin()
  const committedTotal = async () =>
    (await admin.committedOffsets(groupId, [inputName])).reduce(
      (sum, p) => sum + Math.max(0, Number(p.offset)),
      0,
    )
  await waitFor(async () => (await committedTotal()) > TOTAL / 4, {
    timeoutMs: 120_000,
    description: 'a quarter of the input',
  })
  const b = instance()
  await b.start()
  await waitFor(async () => (await committedTotal()) > TOTAL / 2, {
    timeoutMs: 120_000,
    description: 'half of the input',
  })
  await a.stop()
  await waitFor(async () => (await committedTotal()) === TOTAL, {
    timeoutMs: 180_000,
    description: 'the whole input committed',
  })
  await b.stop()
  await admin.stop()

  const committed = await readRaw(outputName, expected, { readCommitted: true, quietMs: 2000 })
  const values = committed.map((r) => JSON.parse(r.value!.toString()) as { n: number; doubled: number })
  const ns = values.map((v) => v.n).sort((x, y) => x - y)
  const want = Array.from({ length: TOTAL }, (_, n) => n).filter((n) => !poison.has(n) && !fatal.has(n))
  expect(ns).toEqual(want)
  expect(values.every((v) => v.doubled === 2 * v.n)).toBe(true)
  expect(committed.every((r, i) => r.key?.toString() === `k${values[i]!.n}`)).toBe(true)

  // The aborted attempts are in the log, invisible to read_committed readers.
  const everything = await readRaw(outputName, expected + failedOnce.size + fatal.size, { quietMs: 1000 })
  expect(everything.length).toBeGreaterThan(expected)
  expect(failedOnce.size).toBeGreaterThan(20)

  const dead = await readRaw(`${inputName}-dlt`, poison.size + fatal.size, {
    readCommitted: true,
    quietMs: 1000,
  })
  expect(dead.map((d) => d.key!.toString()).sort()).toEqual([...poison, ...fatal].map((n) => `k${n}`).sort())
  for (const d of dead) {
    const n = Number(d.key!.toString().slice(1))
    expect(d.value).toEqual(Buffer.from(messages[n]!.value))
    expect(d.headers[DeadLetterHeader.ORIGINAL_TOPIC]?.toString()).toBe(inputName)
    expect(d.headers[DeadLetterHeader.ATTEMPTS]?.toString()).toBe(poison.has(n) ? '0' : '1')
  }
}, 600_000)

test('exactly-once with retry topics: a failing record moves to <topic>-retry-1 inside a transaction with its offset, and its output appears once, after the delay', async () => {
  const inputName = await createTopic(bootstrapServers, { partitions: 1 })
  const outputName = await createTopic(bootstrapServers, { partitions: 1 })
  await createTopic(bootstrapServers, { name: `${inputName}-retry-1` })
  await createTopic(bootstrapServers, { name: `${inputName}-dlt` })
  const input = defineTopic({ name: inputName, key: string(), value: json(In) })
  const output = defineTopic({ name: outputName, key: string(), value: json(Out) })
  await produceRaw(
    inputName,
    [0, 1, 2].map((n) => ({ key: `k${n}`, value: JSON.stringify({ n }) })),
  )
  const attempts: { n: number; attempt: number; at: number }[] = []
  await using consumer = createConsumer(client, {
    groupId: uniqueName('eos-retry'),
    topics: [input],
    fromBeginning: true,
    retry: { attempts: 1 },
    retryTopics: { delaysMs: [2000] },
    deadLetter: true,
    exactlyOnce: { producer: createTransactionalProducer },
    handler: async (message, { send }) => {
      const { n } = message.value
      attempts.push({ n, attempt: message.attempt, at: Date.now() })
      await send(output, { key: message.key, value: { n, doubled: 2 * n } })
      if (n === 1 && message.attempt === 1) throw new Error('fails once')
    },
  })
  await consumer.start()
  const out = await readRaw(outputName, 3, { readCommitted: true, quietMs: 3000 })
  expect(out.map((r) => (JSON.parse(r.value!.toString()) as { n: number }).n)).toEqual([0, 2, 1])
  const ofOne = attempts.filter((a) => a.n === 1)
  expect(ofOne.map((a) => a.attempt)).toEqual([1, 2])
  expect(ofOne[1]!.at - ofOne[0]!.at).toBeGreaterThanOrEqual(2000)
  const retried = await readRaw(`${inputName}-retry-1`, 1, { readCommitted: true, quietMs: 1000 })
  expect(retried.map((r) => r.key?.toString())).toEqual(['k1'])
})
