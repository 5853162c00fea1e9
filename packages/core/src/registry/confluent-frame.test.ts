import { expect, test } from 'vitest'
import { thrown } from '../serde/test-context.test-helper.js'
import { readFrameId, writeFrame } from './confluent-frame.js'

test('writeFrame puts magic byte 0 and the big-endian schema id before the payload; readFrameId reads it', () => {
  const framed = writeFrame(0x01020304, '{"a":1}')
  expect([...framed.subarray(0, 5)]).toEqual([0, 1, 2, 3, 4])
  expect(readFrameId(framed, 'value')).toBe(0x01020304)
  expect(framed.subarray(5).toString()).toBe('{"a":1}')
})

test('a buffer shorter than 5 bytes is KAFKAKIT_DESERIALIZATION', () => {
  for (const length of [0, 1, 4]) {
    expect(thrown(() => readFrameId(Buffer.alloc(length), 'value'))).toMatchObject({
      code: 'KAFKAKIT_DESERIALIZATION',
      message: `Invalid value: ${length} bytes is too short for the schema registry wire format (5 bytes at least)`,
    })
  }
})

test('a wrong magic byte is KAFKAKIT_DESERIALIZATION naming the byte', () => {
  expect(thrown(() => readFrameId(Buffer.from('{"json": "without framing"}'), 'key'))).toMatchObject({
    code: 'KAFKAKIT_DESERIALIZATION',
    message: expect.stringMatching(
      /^Invalid key: magic byte 123 where the schema registry wire format has 0/,
    ),
  })
})
