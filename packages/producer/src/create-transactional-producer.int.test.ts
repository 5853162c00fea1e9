import { defineTopic, positionAfter, string } from '@kafkakit/core'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { Kafka, logLevel } from 'kafkajs'
import { expect, inject, test } from 'vitest'
import { runPython } from '../../../test/interop/run-python.js'
import { testClient } from '../../../test/test-client.js'
import { createTransactionalProducer } from './create-transactional-producer.js'

const { bootstrapServers } = inject('kafkakit')
const brokers = bootstrapServers.split(',')
const client = testClient('tx-test')

/** The values librdkafka reads from a topic with the given isolation level. */
async function values(topic: string, isolation: 'read_committed' | 'read_uncommitted'): Promise<string[]> {
  const lines = await runPython('read_all.py', [
    `--bootstrap=${bootstrapServers}`,
    `--topic=${topic}`,
    `--group=${uniqueName('py')}`,
    `--isolation=${isolation}`,
    '--idle=4',
  ])
  return lines.map((line) => line.split(' ').slice(2).join(' '))
}

test('a transaction commits when its callback resolves and aborts when it throws: read_committed sees only the committed records', async () => {
  const topic = defineTopic({
    name: await createTopic(bootstrapServers, { partitions: 2 }),
    key: string(),
    value: string(),
  })
  await using producer = createTransactionalProducer(client, { transactionalId: uniqueName('tx') })
  const committed = await producer.transaction(async (tx) => {
    await tx.send(topic, [{ key: 'a', value: 'committed-1' }])
    return tx.send(topic, [{ key: 'b', value: 'committed-2' }])
  })
  expect(committed[0]!.offset).toMatch(/^\d+$/)
  await expect(
    producer.transaction(async (tx) => {
      await tx.send(topic, [
        { key: 'a', value: 'aborted-1' },
        { key: 'b', value: 'aborted-2' },
      ])
      throw new Error('handler failed')
    }),
  ).rejects.toThrow('handler failed')
  const single = await producer.transaction(async (tx) => tx.send(topic, { key: 'a', value: 'committed-3' }))
  expect(single).toEqual({
    topic: topic.name,
    partition: expect.any(Number),
    offset: expect.stringMatching(/^\d+$/),
  })
  expect((await values(topic.name, 'read_committed')).sort()).toEqual([
    'committed-1',
    'committed-2',
    'committed-3',
  ])
  expect((await values(topic.name, 'read_uncommitted')).sort()).toEqual([
    'aborted-1',
    'aborted-2',
    'committed-1',
    'committed-2',
    'committed-3',
  ])
})

test('consumer offsets sent in a transaction are committed with it, and only then', async () => {
  const output = defineTopic({ name: await createTopic(bootstrapServers), value: string() })
  const input = await createTopic(bootstrapServers, { partitions: 2 })
  const groupId = uniqueName('copier')
  await using producer = createTransactionalProducer(client, { transactionalId: uniqueName('tx') })
  await expect(
    producer.transaction(async (tx) => {
      await tx.send(output, { value: 'x' })
      await tx.sendOffsets({ groupId, offsets: [{ topic: input, partition: 0, offset: '5' }] })
      throw new Error('abort')
    }),
  ).rejects.toThrow('abort')
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    const offsetsOf = async () =>
      (await admin.fetchOffsets({ groupId, topics: [input] }))[0]!.partitions.find((p) => p.partition === 0)!
        .offset
    expect(await offsetsOf()).toBe('-1')
    await producer.transaction(async (tx) => {
      await tx.send(output, { value: 'y' })
      // The position after the record at offset 6: offset '7', the next one to read.
      await tx.sendOffsets({ groupId, offsets: [positionAfter({ topic: input, partition: 0, offset: '6' })] })
    })
    // An offset that is not a decimal string (a number from JavaScript, say) is refused; the transaction aborts.
    await expect(
      producer.transaction(async (tx) => {
        await tx.sendOffsets({
          groupId,
          offsets: [{ topic: input, partition: 0, offset: 9 as unknown as string }],
        })
      }),
    ).rejects.toMatchObject({
      code: 'KAFKAKIT_CONFIG',
      message: expect.stringContaining('offsets[0].offset'),
    })
    // The commit markers are written asynchronously after commit() returns.
    expect(
      await waitFor(async () => (await offsetsOf()) === '7', { timeoutMs: 15_000, description: 'offset 7' }),
    ).toBe(true)
  } finally {
    await admin.disconnect()
  }
})

test('a signal aborted while the work runs: later sends reject with KAFKAKIT_ABORTED and the transaction is aborted, not committed', async () => {
  const topic = defineTopic({ name: await createTopic(bootstrapServers), value: string() })
  await using producer = createTransactionalProducer(client, { transactionalId: uniqueName('tx') })
  const controller = new AbortController()
  let refused: unknown
  await expect(
    producer.transaction(
      async (tx) => {
        await tx.send(topic, { value: 'sent before the abort' })
        controller.abort()
        refused = await tx.send(topic, { value: 'after the abort' }).catch((error: unknown) => error)
        return 'the work ignored the abort'
      },
      { signal: controller.signal },
    ),
  ).rejects.toMatchObject({ code: 'KAFKAKIT_ABORTED' })
  expect(refused).toMatchObject({ code: 'KAFKAKIT_ABORTED' })
  // The producer goes on: the next transaction commits.
  await producer.transaction(async (tx) => tx.send(topic, { value: 'committed' }))
  expect(await values(topic.name, 'read_committed')).toEqual(['committed'])
  expect((await values(topic.name, 'read_uncommitted')).sort()).toEqual([
    'committed',
    'sent before the abort',
  ])
})

test('a second producer with the same transactional id fences the first', async () => {
  const topic = defineTopic({ name: await createTopic(bootstrapServers), value: string() })
  const transactionalId = uniqueName('tx')
  await using first = createTransactionalProducer(client, { transactionalId })
  await first.transaction(async (tx) => {
    await tx.send(topic, { value: 'from the first' })
  })
  await using second = createTransactionalProducer(client, { transactionalId })
  await second.transaction(async (tx) => {
    await tx.send(topic, { value: 'from the second' })
  })
  await expect(first.transaction(async (tx) => tx.send(topic, { value: 'zombie' }))).rejects.toMatchObject({
    name: 'KafkakitError',
  })
  expect((await values(topic.name, 'read_committed')).sort()).toEqual(['from the first', 'from the second'])
})

test('stop() is idempotent; afterwards start and transaction are KAFKAKIT_STOPPED', async () => {
  const producer = createTransactionalProducer(client, { transactionalId: uniqueName('tx') })
  await producer.start()
  await producer.start()
  await producer.stop()
  await producer.stop()
  await producer[Symbol.asyncDispose]()
  const stopped = { code: 'KAFKAKIT_STOPPED' }
  await expect(producer.transaction(async () => undefined)).rejects.toMatchObject(stopped)
  await expect(producer.start()).rejects.toMatchObject(stopped)
})
