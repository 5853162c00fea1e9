import { expect, test } from 'vitest'
import { z } from 'zod'
import { json } from '../serde/json-serde.js'
import { string } from '../serde/string-serde.js'
import { defineTopic } from './define-topic.js'

test('defineTopic returns a frozen declaration and checks the name at once', () => {
  const topic = defineTopic({
    name: 'events_topic',
    key: string(),
    value: json(z.object({ id: z.string() })),
  })
  expect(topic.name).toBe('events_topic')
  expect(topic.tombstones).toBe(false)
  expect(topic.headers).toEqual({})
  expect(Object.isFrozen(topic)).toBe(true)
  expect(() => defineTopic({ name: 'bad name', value: string() })).toThrow(
    expect.objectContaining({
      code: 'KAFKAKIT_CONFIG',
      message: expect.stringContaining('Invalid topic name "bad name"'),
    }),
  )
})
