import { waitFor } from '@kafkakit/testing'
import { describe, expect, test } from 'vitest'
import {
  SILENT_REQUEST_TIMEOUT_MS,
  silentBrokerClient,
  silentBrokerPerTest,
  timed,
} from '../../../../test/silent-broker.js'
import { clientInternals } from './create-client.js'

// A broker that accepts connections and never answers: every wait lasts until its signal aborts.
const aborted = { code: 'KAFKAKIT_ABORTED' }
const stopped = { code: 'KAFKAKIT_STOPPED' }
const PROMPT_MS = SILENT_REQUEST_TIMEOUT_MS / 2

const broker = silentBrokerPerTest()

/** Something the client stops, that waits until its signal aborts. */
function slowResource() {
  const seen: (AbortSignal | undefined)[] = []
  return {
    seen,
    stop: (options: { signal?: AbortSignal | undefined } = {}) => {
      seen.push(options.signal)
      return new Promise<void>((_, reject) => {
        options.signal?.addEventListener('abort', () => reject(options.signal?.reason))
      })
    },
  }
}

test('client stop(): consumers first, then producers, then admin clients; each stage after the one before', async () => {
  const client = silentBrokerClient(broker)
  const events: string[] = []
  const stage = (name: string, ms: number) => ({
    stop: async () => {
      events.push(`${name} stopping`)
      await new Promise((resolve) => setTimeout(resolve, ms))
      events.push(`${name} stopped`)
    },
  })
  const internals = clientInternals(client)
  internals.track(stage('admin', 0), 'admin')
  internals.track(stage('producer', 20), 'producer')
  internals.track(stage('consumer', 50), 'consumer')
  await client.stop()
  expect(events).toEqual([
    'consumer stopping',
    'consumer stopped',
    'producer stopping',
    'producer stopped',
    'admin stopping',
    'admin stopped',
  ])
})

describe('the client and its admin honour { signal }', { timeout: 20_000 }, () => {
  test('client stop(): aborted while what it stops waits, it rejects at once; the signal is passed on; the client is stopped', async () => {
    const client = silentBrokerClient(broker)
    const resource = slowResource()
    clientInternals(client).track(resource, 'producer')
    const { error, ms } = await timed(() => client.stop({ signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    expect(resource.seen).toHaveLength(1)
    expect(resource.seen[0]?.aborted).toBe(true)
    expect(() => client.admin()).toThrow(expect.objectContaining(stopped))
    expect(() => clientInternals(client).assertNotStopped('createProducer()')).toThrow(
      expect.objectContaining(stopped),
    )
  })

  test('client stop(): an aborted signal still stops everything, then rejects', async () => {
    const client = silentBrokerClient(broker)
    const resource = slowResource()
    clientInternals(client).track(resource, 'producer')
    const admin = client.admin()
    await expect(client.stop({ signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    expect(resource.seen[0]?.aborted).toBe(true)
    await expect(admin.listTopics()).rejects.toMatchObject(stopped)
    expect(() => client.codec({} as never)).toThrow(expect.objectContaining(stopped))
  })

  test('admin calls: an aborted signal rejects before anything connects; aborted while connecting, at once', async () => {
    await using client = silentBrokerClient(broker)
    await using admin = client.admin()
    await expect(admin.describeCluster({ signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    await expect(admin.createTopics([{ name: 't' }], { signal: AbortSignal.abort() })).rejects.toMatchObject(
      aborted,
    )
    expect(broker.accepted()).toBe(0)
    const { error, ms } = await timed(() => admin.listTopics({ signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject(aborted)
    expect(ms).toBeLessThan(PROMPT_MS)
    const group = await timed(() => admin.committedOffsets('g', ['t'], { signal: AbortSignal.timeout(100) }))
    expect(group.error).toMatchObject(aborted)
    expect(group.ms).toBeLessThan(PROMPT_MS)
  })

  test('admin stop(): an aborted signal rejects, the admin is stopped anyway and disconnects once its connection attempt settled', async () => {
    await using client = silentBrokerClient(broker)
    const admin = client.admin()
    const connecting = admin.describeCluster().catch((error: unknown) => error)
    await waitFor(() => broker.accepted() === 1, { timeoutMs: 5000, description: 'connecting' })
    await expect(admin.stop({ signal: AbortSignal.abort() })).rejects.toMatchObject(aborted)
    await expect(admin.describeCluster()).rejects.toMatchObject(stopped)
    expect(await connecting).toBeDefined()
    await admin.stop()
    await waitFor(() => broker.open() === 0, { timeoutMs: 5000, description: 'disconnected' })
  })
})
