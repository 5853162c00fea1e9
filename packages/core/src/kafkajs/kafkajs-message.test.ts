import { createRequire } from 'node:module'
import { afterEach, expect, test, vi } from 'vitest'
import type { TransportRecord } from '../transport/producer-transport.js'
import { toKafkajsMessage } from './kafkajs-message.js'

// kafkajs's own produce request (v3, record batches), the encoder every produced record goes through.
const produceRequest = createRequire(import.meta.url)('kafkajs/src/protocol/requests/produce/v3/request') as (
  options: object,
) => { encode(): Promise<{ buffer: Buffer }> }

async function encoded(messages: readonly object[]): Promise<Buffer> {
  const request = produceRequest({
    acks: -1,
    timeout: 30_000,
    topicData: [{ topic: 'orders', partitions: [{ partition: 1, firstSequence: 0, messages }] }],
  })
  return (await request.encode()).buffer
}

const records: TransportRecord[] = [
  { key: Buffer.from('k1'), value: Buffer.from('v1'), partition: 1, timestamp: '1700000000000' },
  {
    key: null,
    value: Buffer.from('v2'),
    partition: 1,
    headers: { trace: Buffer.from('t'), hop: [Buffer.from('a'), Buffer.from('b')] },
    timestamp: '1700000000005',
  },
  { key: Buffer.from('k3'), value: null, partition: 1, timestamp: '1700000000009' },
]

test('kafkajs writes the same bytes for the message as for the plain record (its placeholders are overwritten)', async () => {
  const messages = records.map(toKafkajsMessage)
  expect(messages[0]).toMatchObject({ offsetDelta: 0, timestampDelta: 0 })
  expect(await encoded(messages)).toEqual(await encoded(records))
})

test('the offset and timestamp deltas on the wire are kafkajs’s, not the placeholders', async () => {
  const shifted = records.map((r) => ({ ...toKafkajsMessage(r), offsetDelta: 7, timestampDelta: 99 }))
  expect(await encoded(shifted)).toEqual(await encoded(records))
})

test('records without headers or timestamp (kafkajs stamps them with the time of the send)', async () => {
  vi.useFakeTimers({ now: 1_700_000_000_000 })
  const plain: TransportRecord[] = [
    { key: Buffer.from('k'), value: Buffer.from('v'), partition: 1 },
    { key: null, value: Buffer.from('w'), partition: 1 },
  ]
  const messages = plain.map(toKafkajsMessage)
  expect(Object.keys(messages[0]!)).toEqual(['key', 'value', 'partition', 'offsetDelta', 'timestampDelta'])
  expect(await encoded(messages)).toEqual(await encoded(plain))
})

afterEach(() => {
  vi.useRealTimers()
})
