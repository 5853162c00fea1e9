import { uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { z } from 'zod'
import { createKafkajsConsumerTransport } from '../kafkajs/kafkajs-consumer-transport.js'
import { createKafkajsProducerTransport } from '../kafkajs/kafkajs-producer-transport.js'
import { json } from '../serde/json-serde.js'
import { defineTopic } from '../topic/define-topic.js'
import { clientInternals, createClient } from './create-client.js'

const { bootstrapServers } = inject('kafkakit')

test('the client reaches the real broker: describe the cluster, create, describe and delete a topic', async () => {
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'kafkakit-core-test' })
  await using admin = client.admin()
  const cluster = await admin.describeCluster()
  expect(cluster.brokers.map((b) => `${b.host}:${b.port}`)).toEqual(bootstrapServers.split(','))
  const name = uniqueName('client')
  await admin.createTopics([
    { name, partitions: 3, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } },
  ])
  const [described] = await admin.describeTopics([name])
  expect(described!.partitions.map((p) => p.partition)).toEqual([0, 1, 2])
  expect(await admin.listTopics()).toContain(name)
  await admin.deleteTopics([name])
})

test("end offsets, and a group's committed offsets (-1 where it committed nothing)", async () => {
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'kafkakit-core-test' })
  await using admin = client.admin()
  const name = uniqueName('offsets')
  const groupId = uniqueName('group')
  await admin.createTopics([{ name, partitions: 2, replicationFactor: 1 }])
  const transport = createKafkajsProducerTransport(clientInternals(client).options, {
    idempotent: true,
    acks: -1,
    compression: 'none',
    ackTimeoutMs: 30_000,
    transactionalId: uniqueName('tx'),
    transactionTimeoutMs: 60_000,
  })
  try {
    await transport.connect()
    const tx = await transport.transaction()
    const record = { key: null, value: Buffer.from('x'), headers: {}, partition: 1 }
    await tx.send([{ topic: name, records: [record, record, record] }])
    await tx.sendOffsets(groupId, [{ topic: name, partition: 1, offset: '2' }])
    await tx.commit()
  } finally {
    await transport.disconnect()
  }
  // 3 records, then the transaction's commit marker; the markers are written after commit() returns.
  await waitFor(async () => (await admin.endOffsets(name))[1]!.offset === '4', { timeoutMs: 10_000 })
  expect(await admin.endOffsets(name)).toEqual([
    { topic: name, partition: 0, offset: '0' },
    { topic: name, partition: 1, offset: '4' },
  ])
  expect(await admin.committedOffsets(groupId, [name])).toEqual([
    { topic: name, partition: 0, offset: '-1' },
    { topic: name, partition: 1, offset: '2' },
  ])
})

test("groups: listed, and described with their state and the members' assigned partitions", async () => {
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'kafkakit-core-test' })
  await using admin = client.admin()
  const name = uniqueName('groups')
  const groupId = uniqueName('group')
  await admin.createTopics([{ name, partitions: 2, replicationFactor: 1 }])
  const transport = createKafkajsConsumerTransport(clientInternals(client).options, {
    groupId,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    rebalanceTimeoutMs: 10_000,
    readCommitted: false,
    fetchMaxWaitMs: 500,
    autoCommit: false,
    autoCommitIntervalMs: undefined,
    autoCommitEveryRecords: undefined,
  })
  try {
    await transport.subscribe([name], true)
    await transport.run({ concurrency: 1, eachBatch: async () => undefined })
    await waitFor(async () => (await admin.describeGroup(groupId)).state === 'Stable', { timeoutMs: 30_000 })
    expect(await admin.listGroups()).toContainEqual({ groupId, protocolType: 'consumer' })
    const group = await admin.describeGroup(groupId)
    expect(group).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer' })
    expect(group.members).toHaveLength(1)
    expect(group.members[0]!.assignment).toEqual([{ topic: name, partitions: [0, 1] }])
  } finally {
    await transport.stop()
    await transport.disconnect()
  }
  const left = await admin.describeGroup(groupId)
  expect(left.state).toBe('Empty')
  expect(left.members).toEqual([])
  expect((await admin.describeGroup(uniqueName('no-such-group'))).state).toBe('Dead')
})

test('KAFKA_BOOTSTRAP_SERVERS is used when no brokers are given', async () => {
  await using client = createClient()
  expect(client.brokers).toEqual(bootstrapServers.split(','))
  await using admin = client.admin()
  expect((await admin.describeCluster()).brokers).toHaveLength(1)
})

test('codecs are bound once per topic; after stop() every call is KAFKAKIT_STOPPED', async () => {
  const client = createClient({ brokers: bootstrapServers.split(',') })
  const topic = defineTopic({ name: uniqueName('codec'), value: json(z.object({ a: z.number() })) })
  const codec = client.codec(topic)
  expect(client.codec(topic)).toBe(codec)
  expect((await codec).encode({ value: { a: 1 } }).value).toEqual(Buffer.from('{"a":1}'))
  await client.stop()
  await client.stop()
  await client[Symbol.asyncDispose]()
  expect(() => client.admin()).toThrow(expect.objectContaining({ code: 'KAFKAKIT_STOPPED' }))
  expect(() => client.codec(topic)).toThrow(expect.objectContaining({ code: 'KAFKAKIT_STOPPED' }))
})

test('stopping the client stops the admins made from it; an admin stops on its own too, idempotently', async () => {
  const client = createClient({ brokers: bootstrapServers.split(',') })
  const admin = client.admin()
  await admin.describeCluster()
  await client.stop()
  await expect(admin.describeCluster()).rejects.toMatchObject({ code: 'KAFKAKIT_STOPPED' })
  await using other = createClient({ brokers: bootstrapServers.split(',') })
  const own = other.admin()
  await own.listTopics()
  await own.stop()
  await own.stop()
  await expect(own.listTopics()).rejects.toMatchObject({ code: 'KAFKAKIT_STOPPED' })
})

test('an unreachable broker is a retriable KAFKAKIT_CONNECTION error within the configured time', async () => {
  await using client = createClient({
    brokers: ['127.0.0.1:1'],
    connectionTimeoutMs: 300,
    retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 200 },
  })
  const started = Date.now()
  await expect(client.admin().describeCluster()).rejects.toMatchObject({
    code: 'KAFKAKIT_CONNECTION',
    retriable: true,
    message: expect.stringContaining('describeCluster failed'),
  })
  expect(Date.now() - started).toBeLessThan(10_000)
})
