import { expect, test } from 'vitest'
import { recordPosition, recordPositions } from './prepare-records.js'

const record = (partition: number) => ({ key: null, value: Buffer.from('v'), headers: {}, partition })

test("each record's offset is its partition's base offset plus its place among that partition's records", () => {
  const records = [record(0), record(1), record(0), record(2), record(0)]
  const acks = [
    { topic: 't', partition: 0, baseOffset: '100' },
    { topic: 't', partition: 1, baseOffset: '7' },
    { topic: 'other', partition: 2, baseOffset: '55' },
  ]
  expect(recordPositions('t', records, acks).map((m) => [m.partition, m.offset])).toEqual([
    [0, '100'],
    [1, '7'],
    [0, '101'],
    [2, '-1'], // no acknowledgement for t-2 (acks=0 or another topic's): unknown
    [0, '102'],
  ])
})

test('runs of one partition continue where that partition left off', () => {
  const records = [record(0), record(0), record(1), record(1), record(0), record(0)]
  const acks = [
    { topic: 't', partition: 0, baseOffset: '100' },
    { topic: 't', partition: 1, baseOffset: '7' },
  ]
  expect(recordPositions('t', records, acks).map((m) => m.offset)).toEqual([
    '100',
    '101',
    '7',
    '8',
    '102',
    '103',
  ])
})

test('offsets beyond 2^53 stay exact', () => {
  const base = '9007199254740990' // 2^53 - 2
  const positions = recordPositions(
    't',
    [record(0), record(0), record(0), record(0)],
    [{ topic: 't', partition: 0, baseOffset: base }],
  )
  expect(positions.map((m) => m.offset)).toEqual([
    '9007199254740990',
    '9007199254740991',
    '9007199254740992',
    '9007199254740993',
  ])
})

test('a single record takes its partition base offset as it is', () => {
  const acks = [{ topic: 't', partition: 3, baseOffset: '42' }]
  expect(recordPositions('t', [record(3)], acks)).toEqual([{ topic: 't', partition: 3, offset: '42' }])
  expect(recordPosition('t', 3, acks)).toEqual({ topic: 't', partition: 3, offset: '42' })
  expect(recordPosition('t', 4, acks)).toEqual({ topic: 't', partition: 4, offset: '-1' })
})
