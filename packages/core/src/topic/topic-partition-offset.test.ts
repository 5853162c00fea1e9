import { expect, test } from 'vitest'
import { positionAfter } from './topic-partition-offset.js'

test('positionAfter is the next offset to read, exact beyond 2^53, without the extra fields of a message', () => {
  const message = { topic: 'users', partition: 2, offset: '41', value: { id: 'u' } }
  expect(positionAfter(message)).toEqual({ topic: 'users', partition: 2, offset: '42' })
  expect(positionAfter({ topic: 't', partition: 0, offset: '9007199254740992' }).offset).toBe(
    '9007199254740993',
  )
})

test.each(['-1', '', '4.5', 'x'])('positionAfter refuses the offset %j with KAFKAKIT_CONFIG', (offset) => {
  expect(() => positionAfter({ topic: 't', partition: 0, offset })).toThrow(
    expect.objectContaining({ code: 'KAFKAKIT_CONFIG' }),
  )
})
