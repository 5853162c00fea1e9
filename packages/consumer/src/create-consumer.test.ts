import { defineTopic, string } from '@kafkakit/core'
import { waitFor } from '@kafkakit/testing'
import { describe, expect, test, vi } from 'vitest'
import {
  SILENT_REQUEST_TIMEOUT_MS,
  silentBrokerClient,
  silentBrokerPerTest,
  timed,
} from '../../../test/silent-broker.js'
import { createConsumer } from './create-consumer.js'

// A broker that accepts connections and never answers: joining the group waits until the signal aborts.
const topic = defineTopic({ name: 'events', value: string() })
const aborted = { code: 'KAFKAKIT_ABORTED' }
const PROMPT_MS = SILENT_REQUEST_TIMEOUT_MS / 2

const broker = silentBrokerPerTest()

describe('a consumer honours { signal } in start() and stop()', { timeout: 20_000 }, () => {
  test('start(): an aborted signal rejects and joins nothing; aborted while joining, at once, and the consumer stops', async () => {
    await using client = silentBrokerClient(broker)
    const handler = vi.fn()
    const consumer = createConsumer(client, { groupId: 'g', topics: [topic], handler })
    await expect(consumer.start({ signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    expect(broker.accepted()).toBe(0)
    const { error, ms } = await timed(() => consumer.start({ signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    await expect(consumer.start()).rejects.toMatchObject({ code: 'KAFKAKIT_STOPPED' })
    await consumer.stop()
    await waitFor(() => broker.open() === 0, { timeoutMs: 5000, description: 'disconnected' })
    expect(handler).not.toHaveBeenCalled()
  })

  test("start(): a later call's abort ends only its own wait; the join another call began goes on", async () => {
    await using client = silentBrokerClient(broker)
    const consumer = createConsumer(client, { groupId: 'g', topics: [topic], handler: () => {} })
    const joining = consumer.start().catch((error: unknown) => error)
    await expect(consumer.start({ signal: AbortSignal.timeout(100) })).rejects.toMatchObject(aborted)
    // Not stopped: a third start() waits for the same join instead of failing with KAFKAKIT_STOPPED.
    const third = await Promise.race([
      consumer.start().catch((error: unknown) => error),
      new Promise((resolve) => setTimeout(resolve, 200, 'still joining')),
    ])
    expect(third).toBe('still joining')
    await consumer.stop()
    await joining
    await waitFor(() => broker.open() === 0, { timeoutMs: 5000, description: 'disconnected' })
  })

  test('stop(): an aborted signal rejects at once, and the consumer is stopped all the same', async () => {
    await using client = silentBrokerClient(broker)
    const consumer = createConsumer(client, { groupId: 'g', topics: [topic], handler: () => {} })
    const joining = consumer.start().catch((error: unknown) => error)
    const { error, ms } = await timed(() => consumer.stop({ signal: AbortSignal.abort() }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    await expect(consumer.start()).rejects.toMatchObject({ code: 'KAFKAKIT_STOPPED' })
    expect(await joining).toBeDefined()
    await consumer[Symbol.asyncDispose]()
    await waitFor(() => broker.open() === 0, { timeoutMs: 5000, description: 'disconnected' })
  })
})
