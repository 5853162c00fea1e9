import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkDelivery, createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { Kafka, logLevel } from 'kafkajs'
import { expect, inject, test } from 'vitest'

// A consumer process is SIGKILLed 10 times while it works through its batches, and restarted each time.
// It appends every value it handles to a file; with after-process commits nothing may be missing
// (records handled but not yet committed come again: those duplicates are counted and reported).
const { bootstrapServers } = inject('kafkakit')
const TOTAL = 20_000

const consumerScript = `
  import { appendFileSync } from 'node:fs'
  const { createClient, defineTopic, string } = await import('@kafkakit/core')
  const { createConsumer } = await import('@kafkakit/consumer')
  const env = process.env
  const client = createClient({ brokers: env.BROKERS.split(',') })
  const topic = defineTopic({ name: env.TOPIC, key: string(), value: string() })
  let handled = 0
  const consumer = createConsumer(client, {
    groupId: env.GROUP, topics: [topic], fromBeginning: true, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500,
    handler: async (message) => {
      appendFileSync(env.FILE, message.value + '\\n')
      if (++handled % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    },
  })
  process.once('SIGTERM', () => void consumer.stop().then(() => process.exit(0)))
  await consumer.start()
`

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
}

test('a consumer SIGKILLed 10 times mid-batch and restarted misses nothing', async () => {
  const topic = await createTopic(bootstrapServers, { partitions: 3 })
  const producer = new Kafka({ brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING }).producer()
  await producer.connect()
  const values = Array.from({ length: TOTAL }, (_, i) => `v-${i}`)
  for (let i = 0; i < TOTAL; i += 1000) {
    await producer.send({
      topic,
      messages: values.slice(i, i + 1000).map((value) => ({ key: value, value })),
    })
  }
  await producer.disconnect()

  const file = join(await mkdtemp(join(tmpdir(), 'kafkakit-kill-')), 'handled.txt')
  const env = {
    ...process.env,
    BROKERS: bootstrapServers,
    TOPIC: topic,
    GROUP: uniqueName('killed'),
    FILE: file,
  }
  const start = (): ChildProcess =>
    spawn(process.execPath, ['--input-type=module', '-e', consumerScript], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    })

  let kills = 0
  for (; kills < 10 && new Set(lines(file)).size < TOTAL; kills++) {
    const child = start()
    const before = lines(file).length
    // Kill it while it is handling records: once it has made progress, after a random moment more.
    await waitFor(() => lines(file).length > before + 20 || new Set(lines(file)).size >= TOTAL, {
      timeoutMs: 60_000,
      description: 'the consumer to make progress',
    })
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 200))
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }
  const last = start()
  await waitFor(() => new Set(lines(file)).size >= TOTAL, {
    timeoutMs: 120_000,
    description: `all ${TOTAL} values`,
  })
  const exited = new Promise((resolve) => last.once('exit', resolve))
  last.kill('SIGTERM')
  await exited

  const seen = lines(file)
  const report = checkDelivery(values, seen)
  console.info(
    `[reliability] consumer killed ${kills} times: ${TOTAL} records, handled ${seen.length} times, missing ${report.lost.length}, ` +
      `records handled more than once ${report.duplicates.length}`,
  )
  expect(kills).toBe(10)
  expect(report.lost).toEqual([])
  // Negative control: the same check on the same data notices a value that was never handled.
  expect(checkDelivery([...values, 'v-never-produced'], seen).lost).toEqual(['v-never-produced'])
}, 300_000)
