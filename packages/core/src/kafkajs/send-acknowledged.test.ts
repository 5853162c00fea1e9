import type { RecordMetadata, TopicMessages } from 'kafkajs'
import { expect, test, vi } from 'vitest'
import { silentLogger } from '../logging/logger.js'
import type { TopicRecords } from '../transport/producer-transport.js'
import { toKafkajsMessage } from './kafkajs-message.js'
import { sendAcknowledged } from './send-acknowledged.js'

const record = (partition: number, value: string) => ({
  key: null,
  value: Buffer.from(value),
  headers: {},
  partition,
})
const batches: TopicRecords[] = [
  { topic: 't', records: [record(0, 'a'), record(1, 'b'), record(2, 'c'), record(1, 'd')] },
]
const ack = (partition: number, baseOffset: string): RecordMetadata => ({
  topicName: 't',
  partition,
  errorCode: 0,
  baseOffset,
})

test('partitions a send resolved without acknowledging (kafkajs#1303) are sent again, and only those', async () => {
  // The first call answers as kafkajs does after the bug: partition 2 (moved to a broker that had already
  // answered) is missing although the call resolved.
  const send = vi
    .fn<(topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>>()
    .mockResolvedValueOnce([ack(0, '10'), ack(1, '20')])
    .mockResolvedValueOnce([ack(2, '30')])
  const acks = await sendAcknowledged(silentLogger, -1, send, batches)
  expect(send).toHaveBeenCalledTimes(2)
  expect(send.mock.calls[1]![0]).toEqual([{ topic: 't', messages: [toKafkajsMessage(record(2, 'c'))] }])
  expect(acks).toEqual([
    { topic: 't', partition: 0, baseOffset: '10' },
    { topic: 't', partition: 1, baseOffset: '20' },
    { topic: 't', partition: 2, baseOffset: '30' },
  ])
})

test('with many partitions answered, the one left out is found and sent again', async () => {
  const wide: TopicRecords[] = [
    { topic: 't', records: Array.from({ length: 12 }, (_, p) => record(p, `v${p}`)) },
  ]
  const send = vi
    .fn<(topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>>()
    .mockResolvedValueOnce(
      Array.from({ length: 12 }, (_, p) => ack(p, `${p}`)).filter((a) => a.partition !== 7),
    )
    .mockResolvedValueOnce([ack(7, '70')])
  const acks = await sendAcknowledged(silentLogger, -1, send, wide)
  expect(send.mock.calls[1]![0]).toEqual([{ topic: 't', messages: [toKafkajsMessage(record(7, 'v7'))] }])
  expect(acks).toHaveLength(12)
  expect(acks).toContainEqual({ topic: 't', partition: 7, baseOffset: '70' })
})

test('a partition that never comes back acknowledged fails the send, retriable', async () => {
  const send = vi.fn(async () => [ack(0, '1')])
  await expect(sendAcknowledged(silentLogger, -1, send, batches)).rejects.toMatchObject({
    code: 'KAFKAKIT_KAFKA',
    retriable: true,
  })
})

test('with acks 0 nothing is answered and nothing is resent', async () => {
  const send = vi.fn(async () => [])
  expect(await sendAcknowledged(silentLogger, 0, send, batches)).toEqual(
    [0, 1, 2].map((partition) => ({ topic: 't', partition, baseOffset: '-1' })),
  )
  expect(send).toHaveBeenCalledTimes(1)
})
