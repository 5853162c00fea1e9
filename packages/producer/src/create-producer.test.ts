import { defineTopic, string } from '@kafkakit/core'
import { waitFor } from '@kafkakit/testing'
import { describe, expect, test } from 'vitest'
import {
  SILENT_REQUEST_TIMEOUT_MS,
  silentBrokerClient,
  silentBrokerPerTest,
  timed,
} from '../../../test/silent-broker.js'
import { createProducer } from './create-producer.js'

// A broker that accepts connections and never answers: every wait of the producer lasts until its
// signal aborts (or SILENT_REQUEST_TIMEOUT_MS, when the connection attempt fails).
const topic = defineTopic({ name: 'events', key: string(), value: string() })
const record = { key: 'k', value: 'v' }
const aborted = { code: 'KAFKAKIT_ABORTED' }
const stopped = { code: 'KAFKAKIT_STOPPED' }
/** An abort is honoured at once: well before the connection attempt would fail. */
const PROMPT_MS = SILENT_REQUEST_TIMEOUT_MS / 2

const broker = silentBrokerPerTest()

describe('a producer honours { signal } wherever it waits', { timeout: 20_000 }, () => {
  test('start(): an aborted signal rejects before anything connects', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createProducer(client)
    await expect(producer.start({ signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    await producer.stop()
    expect(broker.accepted()).toBe(0)
  })

  test('start(): aborted while connecting, it rejects at once, and the abandoned attempt disconnects when it settles, without stop()', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createProducer(client)
    const { error, ms } = await timed(() => producer.start({ signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    expect(broker.accepted()).toBe(1)
    await waitFor(() => broker.open() === 0, {
      timeoutMs: SILENT_REQUEST_TIMEOUT_MS * 2,
      description: 'the abandoned connection closed',
    })
    await producer.stop()
  })

  test('send(): an aborted signal rejects before anything connects; aborted while connecting, at once', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createProducer(client)
    await expect(producer.send(topic, record, { signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    expect(broker.accepted()).toBe(0)
    const { error, ms } = await timed(() =>
      producer.send(topic, [record, record], { signal: AbortSignal.timeout(100) }),
    )
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    await producer.stop()
    await waitFor(() => broker.open() === 0, { timeoutMs: 5000, description: 'disconnected' })
  })

  test('flush(): an aborted signal rejects at once; aborted while a send waits, at once (the send goes on)', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createProducer(client)
    const sending = producer.send(topic, record)
    await expect(producer.flush({ signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    const { error, ms } = await timed(() => producer.flush({ signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    // The send was not aborted: it fails as the connection attempt does.
    await expect(sending).rejects.toMatchObject({ code: expect.not.stringMatching('KAFKAKIT_ABORTED') })
    await producer.stop()
  })

  test('stop(): aborted while flushing, it rejects at once and the producer is stopped; disconnected in the background', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createProducer(client)
    const sending = producer.send(topic, record).catch((error: unknown) => error)
    const { error, ms } = await timed(() => producer.stop({ signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    await expect(producer.send(topic, record)).rejects.toMatchObject(stopped)
    await expect(producer.start()).rejects.toMatchObject(stopped)
    expect(await sending).toBeDefined()
    // A later stop() without a signal waits for the disconnect.
    await producer.stop()
    await waitFor(() => broker.open() === 0, { timeoutMs: 5000, description: 'disconnected' })
  })

  test('stop(): an aborted signal stops without waiting for the sends, and rejects', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createProducer(client)
    const sending = producer.send(topic, record).catch((error: unknown) => error)
    const { error, ms } = await timed(() => producer.stop({ signal: AbortSignal.abort() }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    await expect(producer.flush()).rejects.toMatchObject(stopped)
    expect(await sending).toBeDefined()
    await producer[Symbol.asyncDispose]()
  })
})
