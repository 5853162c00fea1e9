import { defineTopic, json, string } from '@kafkakit/core'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { describe, expect, inject, test } from 'vitest'
import { z } from 'zod'
import { testClient } from '../../../test/test-client.js'
import type { ConsumedMessage } from './consumed-message.js'
import { createConsumer } from './create-consumer.js'
import { DeadLetterHeader } from './dead-letter.js'
import { nonRetriable } from './non-retriable.js'
import { rawKafka } from './raw-kafka.test-helper.js'

const { bootstrapServers } = inject('kafkakit')
const { produceRaw, committedOffset, untilCommitted, readRaw } = rawKafka(bootstrapServers)
const Order = z.object({ order_id: z.number().int(), total_amount: z.number().nonnegative() })
const ordersTopic = (name: string) =>
  defineTopic({ name, key: string(), value: json(Order), headers: { source: string() } })

const client = testClient('consumer-test')

const order = (id: number) => JSON.stringify({ order_id: id, total_amount: id + 0.5 })

describe('createConsumer against a real broker', () => {
  test('records arrive decoded and typed, in order within the partition, with offset, timestamp and headers', async () => {
    const topic = ordersTopic(await createTopic(bootstrapServers))
    await produceRaw(
      topic.name,
      [1, 2, 3].map((id) => ({ key: `k${id}`, value: order(id), headers: { source: 'shop' } })),
    )
    const seen: ConsumedMessage<typeof topic>[] = []
    await using consumer = createConsumer(client, {
      groupId: uniqueName('g'),
      topics: [topic],
      fromBeginning: true,
      handler: (message) => {
        seen.push(message)
      },
    })
    await consumer.start()
    await waitFor(() => seen.length === 3, { timeoutMs: 60_000, description: '3 records' })
    expect(seen.map((m) => [m.key, m.value.order_id, m.headers.source, m.offset, m.attempt])).toEqual([
      ['k1', 1, 'shop', '0', 1],
      ['k2', 2, 'shop', '1', 1],
      ['k3', 3, 'shop', '2', 1],
    ])
    expect(seen[0]!.timestamp.getTime()).toBeGreaterThan(Date.now() - 120_000)
  })

  test('a transient failure is retried in place with backoff; the offset is committed only after success', async () => {
    const topic = ordersTopic(await createTopic(bootstrapServers))
    await produceRaw(topic.name, [{ key: 'k', value: order(1) }])
    const groupId = uniqueName('g')
    const attempts: number[] = []
    await using consumer = createConsumer(client, {
      groupId,
      topics: [topic],
      fromBeginning: true,
      retry: { attempts: 4, initialDelayMs: 50 },
      handler: (message) => {
        attempts.push(message.attempt)
        if (message.attempt < 3) throw new Error('database busy')
      },
    })
    await consumer.start()
    await untilCommitted(groupId, topic.name, '1')
    expect(attempts).toEqual([1, 2, 3])
  })

  test('without a dead-letter topic a record that keeps failing is never committed, and comes again to the next consumer', async () => {
    const topic = ordersTopic(await createTopic(bootstrapServers))
    await produceRaw(topic.name, [
      { key: 'k', value: order(1) },
      { key: 'k', value: order(2) },
    ])
    const groupId = uniqueName('g')
    let failures = 0
    const failing = createConsumer(client, {
      groupId,
      topics: [topic],
      fromBeginning: true,
      retry: { attempts: 2, initialDelayMs: 20, maxDelayMs: 200 },
      handler: (message) => {
        if (message.value.order_id === 1) {
          failures += 1
          throw new Error('bug')
        }
      },
    })
    await failing.start()
    await waitFor(() => failures >= 4, {
      timeoutMs: 60_000,
      description: 'the record to fail again and again',
    })
    await failing.stop()
    expect(await committedOffset(groupId, topic.name, 0)).toBe('-1')

    const handled: number[] = []
    await using fixed = createConsumer(client, {
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler: (m) => void handled.push(m.value.order_id),
    })
    await fixed.start()
    await waitFor(() => handled.length === 2, { timeoutMs: 60_000, description: 'both records' })
    expect(handled).toEqual([1, 2])
  })

  test('poison pills and records that fail every attempt go to <topic>-dlt with exact bytes and Spring headers; the rest is handled', async () => {
    const name = await createTopic(bootstrapServers, { partitions: 1 })
    await createTopic(bootstrapServers, { name: `${name}-dlt` })
    const topic = ordersTopic(name)
    const poison = Buffer.from([0xde, 0xad, 0xbe, 0xef])
    await produceRaw(name, [
      { key: 'good', value: order(1) },
      { key: 'poison', value: poison, headers: { source: 'fuzzer', extra: 'kept' } },
      { key: 'invalid', value: JSON.stringify({ order_id: 3, total_amount: -1 }) },
      { key: 'fails', value: order(4) },
      { key: 'fatal', value: order(5) },
      { key: 'good', value: order(6) },
    ])
    const groupId = uniqueName('g')
    const handled: number[] = []
    await using consumer = createConsumer(client, {
      groupId,
      topics: [topic],
      fromBeginning: true,
      deadLetter: true,
      retry: { attempts: 3, initialDelayMs: 20 },
      handler: (message) => {
        if (message.value.order_id === 4) throw new Error('always fails')
        if (message.value.order_id === 5) throw nonRetriable(new Error('unknown customer'))
        handled.push(message.value.order_id)
      },
    })
    await consumer.start()
    await untilCommitted(groupId, name, '6')
    expect(handled).toEqual([1, 6])

    const dead = await readRaw(`${name}-dlt`, 4)
    expect(dead.map((d) => d.key!.toString())).toEqual(['poison', 'invalid', 'fails', 'fatal'])
    const [pill, invalid, fails, fatal] = dead
    expect(pill!.value).toEqual(poison)
    expect(pill!.headers.source).toEqual(Buffer.from('fuzzer'))
    expect(pill!.headers.extra).toEqual(Buffer.from('kept'))
    expect((pill!.headers[DeadLetterHeader.ORIGINAL_TOPIC] as Buffer).toString()).toBe(name)
    expect((pill!.headers[DeadLetterHeader.ORIGINAL_OFFSET] as Buffer).readBigInt64BE()).toBe(1n)
    expect((pill!.headers[DeadLetterHeader.ORIGINAL_PARTITION] as Buffer).readInt32BE()).toBe(0)
    expect((pill!.headers[DeadLetterHeader.ORIGINAL_CONSUMER_GROUP] as Buffer).toString()).toBe(groupId)
    expect((pill!.headers[DeadLetterHeader.ERROR_CODE] as Buffer).toString()).toBe('KAFKAKIT_DESERIALIZATION')
    expect((pill!.headers[DeadLetterHeader.ATTEMPTS] as Buffer).toString()).toBe('0')
    expect((invalid!.headers[DeadLetterHeader.ERROR_CODE] as Buffer).toString()).toBe('KAFKAKIT_VALIDATION')
    expect((fails!.headers[DeadLetterHeader.ATTEMPTS] as Buffer).toString()).toBe('3')
    expect((fails!.headers[DeadLetterHeader.EXCEPTION_MESSAGE] as Buffer).toString()).toBe('always fails')
    expect((fatal!.headers[DeadLetterHeader.ATTEMPTS] as Buffer).toString()).toBe('1')
  })

  test('while the dead-letter topic cannot be written, the committed offset never passes the poison record', async () => {
    const name = await createTopic(bootstrapServers)
    const topic = ordersTopic(name)
    await produceRaw(name, [
      { key: 'a', value: order(1) },
      { key: 'poison', value: 'not json' },
      { key: 'b', value: order(3) },
    ])
    const groupId = uniqueName('g')
    const handled: number[] = []
    await using consumer = createConsumer(client, {
      groupId,
      topics: [topic],
      fromBeginning: true,
      deadLetter: true,
      retry: { attempts: 1, initialDelayMs: 100, maxDelayMs: 300 },
      handler: (m) => void handled.push(m.value.order_id),
    })
    await consumer.start()
    await waitFor(() => handled.length === 1, { timeoutMs: 60_000, description: 'the first record' })
    // The dead-letter topic does not exist yet: the partition waits at the poison record.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect(handled).toEqual([1])
    expect(['-1', '1']).toContain(await committedOffset(groupId, name, 0))
    await createTopic(bootstrapServers, { name: `${name}-dlt` })
    await untilCommitted(groupId, name, '3')
    expect(handled).toEqual([1, 3])
    expect((await readRaw(`${name}-dlt`, 1))[0]!.value).toEqual(Buffer.from('not json'))
  })

  test('manual commit: only what the handler commits is committed', async () => {
    const topic = ordersTopic(await createTopic(bootstrapServers))
    await produceRaw(
      topic.name,
      [1, 2, 3].map((id) => ({ key: 'k', value: order(id) })),
    )
    const groupId = uniqueName('g')
    const seen: number[] = []
    await using consumer = createConsumer(client, {
      groupId,
      topics: [topic],
      fromBeginning: true,
      commit: 'manual',
      handler: async (message) => {
        seen.push(message.value.order_id)
        if (message.value.order_id === 2) await message.commit()
      },
    })
    await consumer.start()
    await waitFor(() => seen.length === 3, { timeoutMs: 60_000, description: '3 records' })
    await consumer.stop()
    expect(await committedOffset(groupId, topic.name, 0)).toBe('2')
  })
})
