import { createClient, defineTopic, json, string } from '@kafkakit/core'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { Kafka, logLevel } from 'kafkajs'
import { describe, expect, inject, test } from 'vitest'
import { z } from 'zod'
import { runPython } from '../../../test/interop/run-python.js'
import { testClient } from '../../../test/test-client.js'
import { createProducer } from './create-producer.js'
import { partitionForKey } from './murmur2.js'

const { bootstrapServers } = inject('kafkakit')
const brokers = bootstrapServers.split(',')
const raw = new Kafka({ brokers, logLevel: logLevel.NOTHING })
const Event = z.object({ id: z.number().int(), kind: z.enum(['a', 'b']) })
const eventsTopic = (name: string) => defineTopic({ name, key: string(), value: json(Event) })

const client = testClient('producer-test')

/** The topic's records as kafkajs reads them (independent of kafkakit's decoding). */
async function endOffsets(topic: string): Promise<Record<number, string>> {
  const admin = raw.admin()
  await admin.connect()
  try {
    return Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]))
  } finally {
    await admin.disconnect()
  }
}

describe('createProducer against a real broker', () => {
  test('send() of an array resolves to each record’s position, in input order, and of one record to its position; keys are partitioned like the Java client', async () => {
    const topic = eventsTopic(await createTopic(bootstrapServers, { partitions: 4 }))
    await using producer = createProducer(client)
    const records = Array.from({ length: 40 }, (_, i) => ({
      key: `k${i}`,
      value: { id: i, kind: 'a' as const },
    }))
    const metadata = await producer.send(topic, records)
    expect(metadata).toHaveLength(40)
    metadata.forEach((m, i) => {
      expect(m.topic).toBe(topic.name)
      expect(m.partition).toBe(partitionForKey(Buffer.from(`k${i}`), 4))
    })
    // offsets within a partition are consecutive from 0, in order
    for (let p = 0; p < 4; p++) {
      expect(metadata.filter((m) => m.partition === p).map((m) => m.offset)).toEqual(
        metadata.filter((m) => m.partition === p).map((_, i) => String(i)),
      )
    }
    const single = await producer.send(topic, { key: 'k0', value: { id: 99, kind: 'b' } })
    expect(single).toEqual({
      topic: topic.name,
      partition: metadata[0]!.partition,
      offset: String(metadata.filter((m) => m.partition === metadata[0]!.partition).length),
    })
  })

  test('one bad record refuses the whole send, naming its index; nothing reaches Kafka', async () => {
    const topic = eventsTopic(await createTopic(bootstrapServers, { partitions: 2 }))
    await using producer = createProducer(client)
    const records = [0, 1, 2, 3, 4].map((id) => ({
      key: `k${id}`,
      value: { id, kind: id === 3 ? ('c' as 'a') : ('a' as const) },
    }))
    await expect(producer.send(topic, records)).rejects.toMatchObject({
      code: 'KAFKAKIT_VALIDATION',
      details: expect.objectContaining({ index: 3 }),
      message: expect.stringMatching(
        new RegExp(`^Nothing was sent to ${topic.name}: record 3 of 5 was refused: .*kind`),
      ),
    })
    expect(await endOffsets(topic.name)).toEqual({ 0: '0', 1: '0' })
  })

  test('an unknown topic is KAFKAKIT_UNKNOWN_TOPIC (auto-creation is off)', async () => {
    await using producer = createProducer(client)
    await expect(
      producer.send(eventsTopic(uniqueName('missing')), { key: 'k', value: { id: 1, kind: 'a' } }),
    ).rejects.toMatchObject({
      code: 'KAFKAKIT_UNKNOWN_TOPIC',
      message: expect.stringContaining('create the topic first'),
    })
  })

  test('a record over the topic’s max.message.bytes is KAFKAKIT_MESSAGE_TOO_LARGE from the broker; over maxMessageBytes, before sending', async () => {
    const name = await createTopic(bootstrapServers, { configs: { 'max.message.bytes': '2000' } })
    const blobs = defineTopic({ name, value: string() })
    await using producer = createProducer(client)
    await expect(producer.send(blobs, { value: 'x'.repeat(5000) })).rejects.toMatchObject({
      code: 'KAFKAKIT_MESSAGE_TOO_LARGE',
    })
    await using small = createClient({ brokers, maxMessageBytes: 1000 })
    await using strict = createProducer(small)
    await expect(strict.send(blobs, { value: 'x'.repeat(1001) })).rejects.toMatchObject({
      code: 'KAFKAKIT_MESSAGE_TOO_LARGE',
      message: expect.stringMatching(/^Nothing was sent/),
    })
  })

  test('an unreachable broker is KAFKAKIT_CONNECTION within the configured time', async () => {
    await using down = createClient({
      brokers: ['127.0.0.1:1'],
      connectionTimeoutMs: 300,
      retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 300 },
    })
    await using producer = createProducer(down)
    const started = Date.now()
    await expect(
      producer.send(eventsTopic('anything'), { key: 'k', value: { id: 1, kind: 'a' } }),
    ).rejects.toMatchObject({
      code: 'KAFKAKIT_CONNECTION',
      retriable: true,
    })
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  test('acks 1 and acks 0 (fire and forget) send too; idempotence needs acks all', async () => {
    const topic = eventsTopic(await createTopic(bootstrapServers))
    await using leaderOnly = createProducer(client, { acks: 1, idempotent: false })
    expect((await leaderOnly.send(topic, { key: 'a', value: { id: 1, kind: 'a' } })).offset).toBe('0')
    await using fireAndForget = createProducer(client, { acks: 0, idempotent: false })
    expect((await fireAndForget.send(topic, { key: 'b', value: { id: 2, kind: 'a' } })).offset).toBe('-1')
    expect(() => createProducer(client, { acks: 1 })).toThrow(
      expect.objectContaining({ code: 'KAFKAKIT_CONFIG', message: expect.stringContaining('idempotent') }),
    )
  })

  test('with lingerMs, concurrent sends share requests and each gets its own offsets', async () => {
    const topic = eventsTopic(await createTopic(bootstrapServers))
    await using producer = createProducer(client, { lingerMs: 20, batchSize: 500 })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        producer.send(topic, { key: 'same', value: { id: i, kind: 'a' } }),
      ),
    )
    const offsets = results.map((r) => Number(r.offset))
    expect(new Set(offsets).size).toBe(50)
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets.map((_, i) => i))
    expect(await endOffsets(topic.name)).toEqual({ 0: '50' })
  })

  test('stop() flushes lingering sends and is idempotent; afterwards start, send and flush are KAFKAKIT_STOPPED', async () => {
    const topic = eventsTopic(await createTopic(bootstrapServers))
    const producer = createProducer(client, { lingerMs: 5000 })
    await producer.start()
    await producer.start()
    const pending = producer.send(topic, { key: 'k', value: { id: 1, kind: 'a' } })
    await producer.stop()
    await producer.stop()
    await producer[Symbol.asyncDispose]()
    expect((await pending).offset).toBe('0')
    const stopped = { code: 'KAFKAKIT_STOPPED' }
    await expect(producer.send(topic, { key: 'k', value: { id: 2, kind: 'a' } })).rejects.toMatchObject(
      stopped,
    )
    await expect(producer.start()).rejects.toMatchObject(stopped)
    await expect(producer.flush()).rejects.toMatchObject(stopped)
  })

  test('start({ signal }) aborted while connecting rejects with KAFKAKIT_ABORTED and leaves nothing connected; a later start() connects', async () => {
    const topic = eventsTopic(await createTopic(bootstrapServers))
    await using own = createClient({ brokers, clientId: 'producer-abort-test' })
    // This process's TCP sockets: the abandoned attempt's connections must all be gone again.
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length
    const before = sockets()
    const producer = createProducer(own)
    const controller = new AbortController()
    const starting = producer.start({ signal: controller.signal })
    controller.abort()
    await expect(starting).rejects.toMatchObject({ code: 'KAFKAKIT_ABORTED' })
    await waitFor(() => sockets() === before, {
      timeoutMs: 10_000,
      description: 'the connections of the abandoned attempt closed',
    })
    await producer.start()
    expect(sockets()).toBeGreaterThan(before)
    expect(await producer.send(topic, { key: 'k', value: { id: 1, kind: 'a' } })).toMatchObject({
      offset: '0',
    })
    await producer.stop()
    await waitFor(() => sockets() === before, { timeoutMs: 10_000, description: 'stop() disconnected' })
  })

  test('a send aborted before it goes, while waiting for buffer room or while lingering sends none of its records', async () => {
    const topic = eventsTopic(await createTopic(bootstrapServers))
    await using producer = createProducer(client, { lingerMs: 60_000, maxBufferedRecords: 2 })
    // Sending no records connects and looks the topic up: the sends below go straight to the buffer.
    expect(await producer.send(topic, [])).toEqual([])
    const record = (id: number) => ({ key: 'k', value: { id, kind: 'a' as const } })
    await expect(producer.send(topic, record(0), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'KAFKAKIT_ABORTED',
    })
    const kept = producer.send(topic, record(1))
    const lingering = new AbortController()
    const lingered = producer.send(topic, record(2), { signal: lingering.signal })
    const waiting = new AbortController()
    // The buffer holds two records: this send waits for room.
    const waited = producer.send(topic, record(3), { signal: waiting.signal })
    waiting.abort()
    await expect(waited).rejects.toMatchObject({
      code: 'KAFKAKIT_ABORTED',
      message: expect.stringContaining('waiting for buffer room'),
    })
    lingering.abort()
    await expect(lingered).rejects.toMatchObject({ code: 'KAFKAKIT_ABORTED' })
    const flushed = Date.now()
    await producer.flush()
    expect(Date.now() - flushed).toBeLessThan(10_000)
    expect(await kept).toEqual({ topic: topic.name, partition: 0, offset: '0' })
    expect(await endOffsets(topic.name)).toEqual({ 0: '1' })
  })

  test('keys land on the partitions librdkafka’s Java-compatible partitioner picks', async () => {
    const name = await createTopic(bootstrapServers, { partitions: 12 })
    const keys = Array.from({ length: 200 }, (_, i) => `user-${i}-${'ü'.repeat(i % 5)}`)
    const lines = await runPython(
      'partitions.py',
      [`--bootstrap=${bootstrapServers}`, `--topic=${name}`],
      keys.join('\n'),
    )
    const theirs = new Map(
      lines.map((line) => [
        line.slice(0, line.lastIndexOf(' ')),
        Number(line.slice(line.lastIndexOf(' ') + 1)),
      ]),
    )
    expect(theirs.size).toBe(200)
    await using producer = createProducer(client)
    const ours = await producer.send(
      defineTopic({ name, key: string(), value: string() }),
      keys.map((key) => ({ key, value: key })),
    )
    expect(ours.map((m) => m.partition)).toEqual(keys.map((key) => theirs.get(key)))
  })

  test.each(['gzip', 'snappy', 'lz4'] as const)(
    '%s-compressed records are read back by librdkafka',
    async (compression) => {
      const name = await createTopic(bootstrapServers)
      await using producer = createProducer(client, { compression })
      const values = Array.from({ length: 100 }, (_, i) => `value ${i} ${'compressible '.repeat(20)}`)
      await producer.send(
        defineTopic({ name, value: string() }),
        values.map((value) => ({ value })),
      )
      const lines = await runPython('read_all.py', [
        `--bootstrap=${bootstrapServers}`,
        `--topic=${name}`,
        `--group=${uniqueName('py')}`,
        '--count=100',
      ])
      expect(lines.map((line) => line.split(' ').slice(2).join(' '))).toEqual(values)
    },
  )

  test('zstd works where node:zlib has it, and is a clear KAFKAKIT_CONFIG error where it does not', async () => {
    const hasZstd =
      typeof ((await import('node:zlib')) as { zstdCompress?: unknown }).zstdCompress === 'function'
    if (hasZstd) {
      const name = await createTopic(bootstrapServers)
      await using producer = createProducer(client, { compression: 'zstd' })
      await producer.send(defineTopic({ name, value: string() }), { value: 'zstd value' })
      const lines = await runPython('read_all.py', [
        `--bootstrap=${bootstrapServers}`,
        `--topic=${name}`,
        `--group=${uniqueName('py')}`,
        '--count=1',
      ])
      expect(lines).toEqual(['0 0 zstd value'])
    } else {
      expect(() => createProducer(client, { compression: 'zstd' })).toThrow(
        expect.objectContaining({
          code: 'KAFKAKIT_CONFIG',
          message: expect.stringContaining('Node.js 22.15'),
        }),
      )
    }
  })
})
