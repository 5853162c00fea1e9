import { afterAll, beforeAll, expect, test } from 'vitest'
import { type SilentBroker, startSilentBroker, timed } from '../../../../test/silent-broker.js'
import { clientInternals, createClient } from '../client/create-client.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { createKafkajsConsumerTransport } from './kafkajs-consumer-transport.js'
import { createKafkajsProducerTransport } from './kafkajs-producer-transport.js'

// A black hole on loopback: it accepts every connection and never answers a byte.
let blackHole: SilentBroker
let address = ''
beforeAll(async () => {
  blackHole = await startSilentBroker()
  address = blackHole.address
})
afterAll(() => blackHole.stop())

const timeouts = { requestTimeoutMs: 1000, connectionTimeoutMs: 1000 }
/** Retries as configured, and whatever kafkajs adds: well under the 30 s of the default request timeout. */
const BOUND_MS = 15_000

const timedOut = expect.objectContaining({
  code: 'KAFKAKIT_TIMEOUT',
  retriable: true,
  message: expect.stringMatching(/timed out/),
})

test('an admin call to a broker that accepts connections and never answers is KAFKAKIT_TIMEOUT, in bounded time', async () => {
  await using client = createClient({
    brokers: [address],
    ...timeouts,
    retry: { retries: 2, initialRetryTimeMs: 100, maxRetryTimeMs: 500 },
  })
  await using admin = client.admin()
  const { error, ms } = await timed(() => admin.listTopics())
  expect(KafkakitError.is(error, 'KAFKAKIT_TIMEOUT')).toBe(true)
  expect(error).toEqual(timedOut)
  expect((error as Error).message).toMatch(/^listTopics timed out/)
  expect(ms).toBeLessThan(BOUND_MS)
  // With no retries kafkajs keeps the request's own timeout as the root cause.
  await using noRetries = createClient({ brokers: [address], ...timeouts, retry: { retries: 0 } })
  await using direct = noRetries.admin()
  const first = await timed(() => direct.listTopics())
  expect(first.error).toEqual(timedOut)
  expect(first.ms).toBeLessThan(BOUND_MS)
})

test('a send and a consumer group join to that broker are KAFKAKIT_TIMEOUT too', async () => {
  await using client = createClient({ brokers: [address], ...timeouts, retry: { retries: 1 } })
  const options = clientInternals(client).options
  const producer = createKafkajsProducerTransport(options, {
    idempotent: true,
    acks: -1,
    compression: 'none',
    ackTimeoutMs: 1000,
  })
  try {
    const sent = await timed(() =>
      producer.send([{ topic: 'orders', records: [{ key: null, value: Buffer.from('x'), partition: 0 }] }]),
    )
    expect(sent.error).toEqual(timedOut)
    expect(sent.ms).toBeLessThan(BOUND_MS)
  } finally {
    await producer.disconnect().catch(() => undefined)
  }
  const consumer = createKafkajsConsumerTransport(options, {
    groupId: 'black-hole',
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 1000,
    rebalanceTimeoutMs: 6000,
    readCommitted: false,
    fetchMaxWaitMs: 100,
    autoCommit: true,
    autoCommitIntervalMs: 5000,
    autoCommitEveryRecords: undefined,
  })
  try {
    const joined = await timed(() => consumer.subscribe(['orders'], false))
    expect(joined.error).toEqual(timedOut)
    expect(joined.ms).toBeLessThan(BOUND_MS)
  } finally {
    await consumer.disconnect().catch(() => undefined)
  }
})
