import { waitFor } from '@kafkakit/testing'
import { describe, expect, test, vi } from 'vitest'
import {
  SILENT_REQUEST_TIMEOUT_MS,
  silentBrokerClient,
  silentBrokerPerTest,
  timed,
} from '../../../test/silent-broker.js'
import { createTransactionalProducer } from './create-transactional-producer.js'

// A broker that accepts connections and never answers: see create-producer.test.ts.
const aborted = { code: 'KAFKAKIT_ABORTED' }
const stopped = { code: 'KAFKAKIT_STOPPED' }
const PROMPT_MS = SILENT_REQUEST_TIMEOUT_MS / 2

const broker = silentBrokerPerTest()

describe('a transactional producer honours { signal } wherever it waits', { timeout: 20_000 }, () => {
  test('start(): an aborted signal rejects before anything connects; aborted while connecting, at once, and the attempt is disconnected', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createTransactionalProducer(client, { transactionalId: 'tx-start' })
    await expect(producer.start({ signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    expect(broker.accepted()).toBe(0)
    const { error, ms } = await timed(() => producer.start({ signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    await waitFor(() => broker.open() === 0, {
      timeoutMs: SILENT_REQUEST_TIMEOUT_MS * 2,
      description: 'the abandoned connection closed',
    })
    await producer.stop()
  })

  test('transaction(): aborted before, while connecting, or while waiting for its turn, its work never runs', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createTransactionalProducer(client, { transactionalId: 'tx-turn' })
    const work = vi.fn(async () => 'done')
    await expect(producer.transaction(work, { signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    const connecting = await timed(() => producer.transaction(work, { signal: AbortSignal.timeout(100) }))
    expect(connecting.error).toMatchObject(aborted)
    expect(connecting.ms).toBeLessThan(PROMPT_MS)
    // The first waits for the connection without a signal; the second waits for its turn behind it.
    const first = producer.transaction(work).catch((error: unknown) => error)
    const queued = await timed(() => producer.transaction(work, { signal: AbortSignal.timeout(100) }))
    expect(queued.error).toMatchObject(aborted)
    expect(queued.ms).toBeLessThan(PROMPT_MS)
    expect(await first).toMatchObject({ code: expect.not.stringMatching('KAFKAKIT_ABORTED') })
    expect(work).not.toHaveBeenCalled()
    await producer.stop()
  })

  test('stop(): aborted while a transaction waits, it rejects at once and the producer is stopped', async () => {
    await using client = silentBrokerClient(broker)
    const producer = createTransactionalProducer(client, { transactionalId: 'tx-stop' })
    const waiting = producer.transaction(async () => undefined).catch((error: unknown) => error)
    const { error, ms } = await timed(() => producer.stop({ signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    await expect(producer.transaction(async () => undefined)).rejects.toMatchObject(stopped)
    await expect(producer.start()).rejects.toMatchObject(stopped)
    await expect(producer.stop({ signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    expect(await waiting).toBeDefined()
    await producer[Symbol.asyncDispose]()
    await waitFor(() => broker.open() === 0, { timeoutMs: 5000, description: 'disconnected' })
  })
})
