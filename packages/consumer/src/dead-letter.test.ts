import { KafkakitError } from '@kafkakit/core'
import { expect, test } from 'vitest'
import { DeadLetterHeader, forwardRecord, readDeadLetterHeaders, recordOrigin } from './dead-letter.js'

const record = {
  topic: 'orders',
  partition: 7,
  offset: '12345678901',
  key: Buffer.from([1, 2, 3]),
  value: Buffer.from([0xff, 0x00, 0xfe]),
  headers: { trace: Buffer.from('t'), multi: [Buffer.from('a'), Buffer.from('b')] },
  timestamp: '1700000000123',
}

test('a dead-letter record keeps key, value and headers byte for byte and adds Spring Kafka headers in Spring encodings', () => {
  const error = new KafkakitError('KAFKAKIT_VALIDATION', 'Invalid value: total_amount: Too small')
  const dlt = forwardRecord(record, { error, groupId: 'billing', attempts: 3, partition: 2 })
  expect(dlt.key).toBe(record.key)
  expect(dlt.value).toBe(record.value)
  expect(dlt.partition).toBe(2)
  const h = dlt.headers as Record<string, Buffer | Buffer[]>
  expect(h.trace).toEqual(Buffer.from('t'))
  expect(h.multi).toEqual([Buffer.from('a'), Buffer.from('b')])
  expect((h[DeadLetterHeader.ORIGINAL_TOPIC] as Buffer).toString()).toBe('orders')
  expect((h[DeadLetterHeader.ORIGINAL_PARTITION] as Buffer).readInt32BE()).toBe(7)
  expect((h[DeadLetterHeader.ORIGINAL_PARTITION] as Buffer).length).toBe(4)
  expect((h[DeadLetterHeader.ORIGINAL_OFFSET] as Buffer).readBigInt64BE()).toBe(12345678901n)
  expect((h[DeadLetterHeader.ORIGINAL_TIMESTAMP] as Buffer).readBigInt64BE()).toBe(1700000000123n)
  expect((h[DeadLetterHeader.ORIGINAL_CONSUMER_GROUP] as Buffer).toString()).toBe('billing')
  expect((h[DeadLetterHeader.EXCEPTION_FQCN] as Buffer).toString()).toBe('KafkakitError')
  expect((h[DeadLetterHeader.EXCEPTION_MESSAGE] as Buffer).toString()).toBe(
    'Invalid value: total_amount: Too small',
  )
  expect((h[DeadLetterHeader.EXCEPTION_STACKTRACE] as Buffer).toString()).toContain('KafkakitError')
  expect((h[DeadLetterHeader.ATTEMPTS] as Buffer).toString()).toBe('3')
  expect((h[DeadLetterHeader.ERROR_CODE] as Buffer).toString()).toBe('KAFKAKIT_VALIDATION')
})

test('a record forwarded again keeps the first origin, replaces the hop headers, and its origin reads back', () => {
  const first = forwardRecord(record, {
    error: new Error('one'),
    groupId: 'billing',
    attempts: 3,
    partition: 0,
    dueMs: 1234,
  })
  const headers = first.headers as Record<string, Buffer | Buffer[]>
  const hop = { ...record, topic: 'orders-retry-1', partition: 0, offset: '5', headers }
  expect(recordOrigin(hop)).toEqual({
    topic: 'orders',
    partition: 7,
    offset: '12345678901',
    timestamp: '1700000000123',
    attempts: 3,
    dueMs: 1234,
  })
  const second = forwardRecord(hop, {
    error: new Error('two'),
    groupId: 'billing',
    attempts: 6,
    partition: 1,
  })
  const h = second.headers as Record<string, Buffer | Buffer[]>
  expect((h[DeadLetterHeader.ORIGINAL_TOPIC] as Buffer).toString()).toBe('orders')
  expect((h[DeadLetterHeader.ORIGINAL_OFFSET] as Buffer).readBigInt64BE()).toBe(12345678901n)
  expect((h[DeadLetterHeader.EXCEPTION_MESSAGE] as Buffer).toString()).toBe('two')
  expect((h[DeadLetterHeader.ATTEMPTS] as Buffer).toString()).toBe('6')
  expect(h[DeadLetterHeader.RETRY_DUE]).toBeUndefined()
  expect(h.trace).toEqual(Buffer.from('t'))
  expect(recordOrigin(record)).toMatchObject({ topic: 'orders', partition: 7, attempts: 0, dueMs: 0 })
})

test('readDeadLetterHeaders decodes what a forward wrote, and leaves out what is missing or malformed', () => {
  const error = new KafkakitError('KAFKAKIT_VALIDATION', 'bad total')
  const dlt = forwardRecord(record, {
    error,
    groupId: 'billing',
    attempts: 3,
    partition: 2,
    dueMs: 1700000009999,
  })
  expect(readDeadLetterHeaders(dlt.headers as Record<string, Buffer>)).toEqual({
    originalTopic: 'orders',
    originalPartition: 7,
    originalOffset: '12345678901',
    originalTimestamp: new Date(1700000000123),
    consumerGroup: 'billing',
    exceptionClass: 'KafkakitError',
    exceptionMessage: 'bad total',
    attempts: 3,
    errorCode: 'KAFKAKIT_VALIDATION',
    retryDue: new Date(1700000009999),
  })
  const broken = readDeadLetterHeaders({
    [DeadLetterHeader.ORIGINAL_PARTITION]: Buffer.from([1]),
    [DeadLetterHeader.ATTEMPTS]: 'x',
  })
  expect(broken.originalPartition).toBeUndefined()
  expect(broken.attempts).toBeUndefined()
  expect(broken.originalTopic).toBeUndefined()
})
