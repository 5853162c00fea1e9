import { setTimeout as sleep } from 'node:timers/promises'
import kafkajs from 'kafkajs'
import { afterEach, expect, test, vi } from 'vitest'
import { createKafkajsClient, skipIdleTimer } from './create-kafkajs-client.js'

interface Queue {
  pending: unknown[]
  throttleCheckTimeoutId: unknown
  push(request: unknown): void
  maybeThrottle(ms: number): void
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void
  destroy(): void
}
interface Pool {
  pool: { requestQueue: Queue }[]
}

const queues: Queue[] = []
afterEach(() => {
  for (const queue of queues.splice(0)) queue.destroy()
})

/** The request queues of one connection pool of a kafkajs client, as kafkajs 2.2.4 builds it (no I/O). */
async function requestQueues(kafka: object): Promise<Queue[]> {
  const client = kafka as Record<
    symbol,
    (options: object) => { connectionPoolBuilder: { build(): Promise<Pool> } }
  >
  const key = Object.getOwnPropertySymbols(client).find(
    (s) => s.description === 'private:Kafka:createCluster',
  )!
  const pool = await client[key]!({}).connectionPoolBuilder.build()
  const found = pool.pool.map((connection) => connection.requestQueue)
  queues.push(...found)
  return found
}

const config = { brokers: ['127.0.0.1:1'], logLevel: kafkajs.logLevel.NOTHING }
// A response the queue did not ask for: kafkajs logs it, then checks its pending requests all the same.
const response = { correlationId: 1, payload: Buffer.alloc(0), size: 0 }

test("kafkajs 2.2.4 arms a timer with a negative delay after every response, even with nothing pending: kafkakit's clients arm none", async () => {
  // Stands in for the timers only while the queues answer: the delays are recorded, nothing is armed.
  const delays: number[] = []
  const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    _: unknown,
    delay: number,
  ) => {
    delays.push(delay)
    return 0
  }) as unknown as typeof setTimeout)
  try {
    const [raw] = await requestQueues(new kafkajs.Kafka(config))
    raw!.fulfillRequest(response)
    // The setTimeout of kafkajs's RequestQueue#scheduleCheckPendingRequests: -1 - Date.now()
    // (TimeoutNegativeWarning on Node 24 and later).
    expect(delays).toHaveLength(1)
    expect(delays[0]).toBeLessThan(-Date.now() + 1000)
    delays.length = 0
    raw!.throttleCheckTimeoutId = null

    const patched = await requestQueues(createKafkajsClient(config))
    expect(patched).toHaveLength(2)
    for (const queue of patched) {
      expect(Object.hasOwn(queue, 'scheduleCheckPendingRequests')).toBe(true)
      queue.fulfillRequest(response)
      expect(queue.throttleCheckTimeoutId).toBeNull()
    }
    expect(delays).toEqual([])
  } finally {
    setTimeoutSpy.mockRestore()
  }
})

test('a throttled queue still schedules its pending requests, and sends them when the throttle ends', async () => {
  const [queue] = await requestQueues(createKafkajsClient(config))
  const sendRequest = vi.fn()
  queue!.maybeThrottle(50)
  queue!.push({
    entry: { correlationId: 7, apiKey: 0, apiName: 'Produce', apiVersion: 7, resolve() {}, reject() {} },
    expectResponse: true,
    sendRequest,
  })
  expect(queue!.pending).toHaveLength(1)
  expect(queue!.throttleCheckTimeoutId).not.toBeNull()
  await sleep(200)
  expect(sendRequest).toHaveBeenCalledTimes(1)
  expect(queue!.pending).toHaveLength(0)
})

test('an object of another shape, or a queue already handled, is left as it is', async () => {
  const other = {
    pending: [],
    throttledUntil: -1,
    throttleCheckTimeoutId: null,
    checkPendingRequests() {},
    scheduleCheckPendingRequests() {},
  }
  const own = other.scheduleCheckPendingRequests
  expect(skipIdleTimer(other)).toBe(false)
  expect(other.scheduleCheckPendingRequests).toBe(own)
  expect(skipIdleTimer(undefined)).toBe(false)
  const [queue] = await requestQueues(createKafkajsClient(config))
  expect(skipIdleTimer(queue)).toBe(false)
})
