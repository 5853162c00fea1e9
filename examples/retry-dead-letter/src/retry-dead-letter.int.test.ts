import { createClient } from '@kafkakit/core'
import { uniqueName } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { rawKafka } from '../../../packages/consumer/src/raw-kafka.test-helper.js'
import { runExample } from '../../../test/examples/run-example.js'
import { SAMPLE_PAYMENTS } from './sample-payments.js'

// The example's real process (through tsx, as `npm run process-payments` runs it) against the test
// broker; the dead-letter topic is also read here with plain kafkajs, to check the headers on the wire.
const { bootstrapServers } = inject('kafkakit')
const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrapServers }
const { readRaw } = rawKafka(bootstrapServers)

interface Event {
  readonly event: string
  readonly at_ms: number
  readonly [field: string]: unknown
}

async function processPayments(topic: string, group: string, flags: string[] = []) {
  const run = runExample(
    'retry-dead-letter',
    ['src/process-payments.ts', `--topic=${topic}`, `--group=${group}`, ...flags],
    { env },
  )
  const result = await run.done
  expect(result, `${run.lines.join('\n')}\n${result.stderr}`).toMatchObject({ code: 0 })
  const events = run.lines.map((line) => JSON.parse(line) as Event)
  const of = (kind: string) => events.filter((e) => e.event === kind)
  /** The handler's attempts at one payment, in order: [attempt, outcome, delivery]. */
  const attempts = (id: string) =>
    events
      .filter((e) => (e.event === 'handled' || e.event === 'failed') && e.payment_id === id)
      .map((e) => [e.attempt, e.event, e.delivery])
  return { events, of, attempts, stderr: result.stderr }
}

const IN_PLACE = 'in-place retry'
const RETRY_TOPIC = 'retry topic'

test('good, flaky, failing, invalid and poison payments: charged in place or from a retry topic, or dead-lettered with Spring headers, attempts and error codes', {
  timeout: 180_000,
}, async () => {
  const topic = uniqueName('payments')
  const group = uniqueName('payment-processor')
  const started = Date.now()
  const { of, attempts, stderr } = await processPayments(topic, group)

  const produced = new Map(of('produced').map((e) => [e.key as string, e]))
  expect([...produced.keys()]).toEqual(SAMPLE_PAYMENTS.map((s) => s.key))

  // The handler's view: each attempt, how it came, what it did.
  expect(attempts('pay-1001')).toEqual([[1, 'handled', 'first']])
  expect(attempts('pay-1002')).toEqual([
    [1, 'failed', 'first'],
    [2, 'failed', IN_PLACE],
    [3, 'handled', IN_PLACE],
  ])
  expect(attempts('pay-1003')).toEqual([
    [1, 'failed', 'first'],
    [2, 'failed', IN_PLACE],
    [3, 'failed', IN_PLACE],
    [4, 'handled', RETRY_TOPIC],
  ])
  expect(attempts('pay-1004')).toEqual([
    [1, 'failed', 'first'],
    [2, 'failed', IN_PLACE],
    [3, 'failed', IN_PLACE],
    [4, 'failed', RETRY_TOPIC],
    [5, 'failed', IN_PLACE],
    [6, 'failed', IN_PLACE],
    [7, 'failed', RETRY_TOPIC],
    [8, 'failed', IN_PLACE],
    [9, 'failed', IN_PLACE],
  ])
  expect(attempts('pay-1005')).toEqual([[1, 'failed', 'first']])
  // Poison pills never reach the handler.
  expect(attempts('pay-1006')).toEqual([])
  expect(attempts('pay-1007')).toEqual([])
  const failed = of('failed')
  expect(failed.filter((e) => e.retriable === false).map((e) => e.payment_id)).toEqual(['pay-1005'])
  expect(of('handled').map((e) => e.charge_id)).toEqual(['ch_pay-1001_1', 'ch_pay-1002_3', 'ch_pay-1003_4'])

  // A retry topic's record waits its delay (1 s, then 2 s) after the attempt that sent it there.
  const at = (id: string, attempt: number) =>
    [...of('handled'), ...of('failed')].find((e) => e.payment_id === id && e.attempt === attempt)!.at_ms
  expect(at('pay-1003', 4) - at('pay-1003', 3)).toBeGreaterThanOrEqual(1000)
  expect(at('pay-1004', 4) - at('pay-1004', 3)).toBeGreaterThanOrEqual(1000)
  expect(at('pay-1004', 7) - at('pay-1004', 6)).toBeGreaterThanOrEqual(2000)

  // The dead letters the example printed, headers decoded by readDeadLetterHeaders (printed as JSON: the
  // timestamp ISO 8601, an absent header left out).
  const original = (key: string) => ({
    originalTopic: topic,
    originalPartition: produced.get(key)!.partition,
    originalOffset: produced.get(key)!.offset,
    consumerGroup: group,
  })
  const dead = new Map(of('dead-letter').map((e) => [e.key as string, e]))
  expect([...dead.keys()].sort()).toEqual(['pay-1004', 'pay-1005', 'pay-1006', 'pay-1007'])
  const expected = {
    'pay-1004': {
      exceptionClass: 'GatewayUnavailableError',
      exceptionMessage: 'the gateway answered 503 Service Unavailable',
      attempts: 9,
    },
    'pay-1005': {
      exceptionClass: 'PaymentRejectedError',
      exceptionMessage: 'pay-1005: 2500.00 EUR is above the 1000.00 EUR limit for one payment',
      attempts: 1,
    },
    'pay-1006': {
      exceptionClass: 'KafkakitError',
      exceptionMessage: expect.stringMatching(/Invalid value: not valid JSON/),
      attempts: 0,
      errorCode: 'KAFKAKIT_DESERIALIZATION',
    },
    'pay-1007': {
      exceptionClass: 'KafkakitError',
      exceptionMessage: expect.stringMatching(/currency/),
      attempts: 0,
      errorCode: 'KAFKAKIT_VALIDATION',
    },
  }
  for (const [key, headers] of Object.entries(expected)) {
    const letter = dead.get(key)!
    expect(letter.topic).toBe(`${topic}-dlt`)
    // toStrictEqual: no other field (errorCode for the handler's own errors, retryDue on a dead letter).
    expect(letter.headers).toStrictEqual({
      ...original(key),
      originalTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      ...headers,
    })
    const timestamp = Date.parse((letter.headers as Record<string, string>).originalTimestamp!)
    expect(timestamp).toBeGreaterThanOrEqual(started - 1000)
    expect(timestamp).toBeLessThanOrEqual(Date.now())
    // The value byte for byte, poison included.
    const sample = SAMPLE_PAYMENTS.find((s) => s.key === key)!
    expect(letter.value).toBe('payment' in sample ? JSON.stringify(sample.payment) : sample.raw.toString())
  }
  expect(of('summary')).toMatchObject([{ produced: 7, charged: 3, dead_lettered: 4 }])

  // On the wire, read with plain kafkajs: Spring's binary encodings and the stack trace.
  const raw = await readRaw(`${topic}-dlt`, 4, { quietMs: 500 })
  expect(raw).toHaveLength(4)
  for (const record of raw) {
    const key = record.key!.toString()
    const h = record.headers as Record<string, Buffer>
    expect(h['kafka_dlt-original-topic']!.toString()).toBe(topic)
    expect(h['kafka_dlt-original-partition']).toHaveLength(4)
    expect(h['kafka_dlt-original-partition']!.readInt32BE()).toBe(produced.get(key)!.partition)
    expect(h['kafka_dlt-original-offset']).toHaveLength(8)
    expect(String(h['kafka_dlt-original-offset']!.readBigInt64BE())).toBe(produced.get(key)!.offset)
    expect(h['kafka_dlt-original-timestamp']).toHaveLength(8)
    expect(h['kafka_dlt-exception-stacktrace']!.toString()).toContain(
      (dead.get(key)!.headers as Record<string, string>).exceptionClass,
    )
  }
  // What passed through the retry topics: pay-1003 and pay-1004 once each, pay-1004 again.
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'retry-test' })
  await using admin = client.admin()
  const count = async (name: string) =>
    (await admin.endOffsets(name)).reduce((sum, p) => sum + Number(p.offset), 0)
  expect(await count(`${topic}-retry-1`)).toBe(2)
  expect(await count(`${topic}-retry-2`)).toBe(1)
  // The consumer's own log on stderr tells the same story.
  expect(stderr).toContain('record moved to its retry topic')
  expect(stderr).toContain('record dead-lettered')
})

test('a second run on the same topic and group handles only its own records and prints only its own dead letters; shorter delays and fewer attempts by flag', async () => {
  const topic = uniqueName('payments')
  const group = uniqueName('payment-processor')
  const flags = ['--attempts=2', '--backoff-ms=10', '--retry-delays-ms=300']
  await processPayments(topic, group, flags)
  const second = await processPayments(topic, group, flags)

  const offsets = second.of('produced').map((e) => Number(e.offset))
  expect(Math.min(...offsets)).toBe(7)
  // Two attempts in place, then one retry topic: pay-1002 needs the retry topic, pay-1003 an attempt after it.
  expect(second.attempts('pay-1002')).toEqual([
    [1, 'failed', 'first'],
    [2, 'failed', IN_PLACE],
    [3, 'handled', RETRY_TOPIC],
  ])
  expect(second.attempts('pay-1003')).toEqual([
    [1, 'failed', 'first'],
    [2, 'failed', IN_PLACE],
    [3, 'failed', RETRY_TOPIC],
    [4, 'handled', IN_PLACE],
  ])
  expect(second.attempts('pay-1004').map(([attempt]) => attempt)).toEqual([1, 2, 3, 4])
  const dead = second.of('dead-letter')
  expect(dead.map((e) => e.key).sort()).toEqual(['pay-1004', 'pay-1005', 'pay-1006', 'pay-1007'])
  for (const e of dead) {
    const offset = Number((e.headers as Record<string, string>).originalOffset)
    expect(offset).toBeGreaterThanOrEqual(7)
  }
  expect(second.of('summary')).toMatchObject([{ produced: 7, charged: 3, dead_lettered: 4 }])
})
