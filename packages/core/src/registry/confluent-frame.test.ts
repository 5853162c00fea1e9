import { expect, test } from 'vitest'
import { thrown } from '../serde/test-context.test-helper.js'
import { readFrame, writeFrame } from './confluent-frame.js'

test('writeFrame puts magic byte 0 and the big-endian schema id before the payload; readFrame reads them', () => {
  const framed = writeFrame(0x01020304, '{"a":1}')
  expect([...framed.subarray(0, 5)]).toEqual([0, 1, 2, 3, 4])
  const { id, payload } = readFrame(framed, 'value')
  expect(id).toBe(0x01020304)
  expect(payload.toString()).toBe('{"a":1}')
})

test('a buffer shorter than 5 bytes is KAFKAKIT_DESERIALIZATION', () => {
  for (const length of [0, 1, 4]) {
    expect(thrown(() => readFrame(Buffer.alloc(length), 'value'))).toMatchObject({
      code: 'KAFKAKIT_DESERIALIZATION',
      message: `Invalid value: ${length} bytes is too short for the schema registry wire format (5 bytes at least)`,
    })
  }
})

test('a wrong magic byte is KAFKAKIT_DESERIALIZATION naming the byte', () => {
  expect(thrown(() => readFrame(Buffer.from('{"json": "without framing"}'), 'key'))).toMatchObject({
    code: 'KAFKAKIT_DESERIALIZATION',
    message: expect.stringMatching(
      /^Invalid key: magic byte 123 where the schema registry wire format has 0/,
    ),
  })
})
