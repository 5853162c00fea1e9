import { expect, test } from 'vitest'
import { z } from 'zod'
import { json } from './json-serde.js'
import { bindSync, thrown } from './test-context.test-helper.js'

const UserEvent = z.object({
  event_id: z.uuid(),
  event_datetime: z.string(),
  event_type: z.enum(['buy', 'sell', 'click', 'hover', 'idle_5']),
  tags: z.array(z.string()).default([]),
})
const event = {
  event_id: '6f1c1f52-39b5-4a53-9f0e-3b0a4c1b2d3e',
  event_datetime: '2026-11-21-10-00-00',
  event_type: 'buy' as const,
}

test('json(zod) validates, applies the schema (defaults) and round-trips', () => {
  const serde = bindSync(json(UserEvent))
  const encoded = serde.serialize(event)
  expect(JSON.parse(encoded.toString())).toEqual({ ...event, tags: [] })
  expect(serde.deserialize(encoded)).toEqual({ ...event, tags: [] })
})

test('a value that breaks the schema is KAFKAKIT_VALIDATION naming the path and the rule, not the value', () => {
  const serde = bindSync(json(UserEvent))
  const error = thrown(() =>
    serde.serialize({ ...event, event_type: 'steal' as never, event_id: 'not-a-uuid' }),
  )
  expect(error).toMatchObject({ code: 'KAFKAKIT_VALIDATION' })
  expect(error.message).toMatch(/^Invalid value: /)
  expect(error.message).toMatch(/event_id: Invalid UUID/)
  expect(error.message).toMatch(/event_type: Invalid option/)
  expect(error.message).not.toContain('steal')
  expect(error.message).not.toContain('not-a-uuid')
})

test('decoding checks the schema too: consumers never see invalid data', () => {
  const serde = bindSync(json(UserEvent))
  expect(
    thrown(() => serde.deserialize(Buffer.from(JSON.stringify({ ...event, event_type: 'x' })))),
  ).toMatchObject({
    code: 'KAFKAKIT_VALIDATION',
  })
})

test('bytes that are not JSON, or not UTF-8, are KAFKAKIT_DESERIALIZATION without payload text', () => {
  const serde = bindSync(json(UserEvent))
  const error = thrown(() => serde.deserialize(Buffer.from('{"secret-token": ')))
  expect(error).toMatchObject({ code: 'KAFKAKIT_DESERIALIZATION' })
  expect(error.message).toMatch(/^Invalid value: not valid JSON/)
  expect(error.message).not.toContain('secret-token')
  expect(thrown(() => serde.deserialize(Buffer.from([0x7b, 0xff, 0x7d])))).toMatchObject({
    code: 'KAFKAKIT_DESERIALIZATION',
    message: expect.stringContaining('not valid UTF-8'),
  })
})

test('values JSON cannot encode are KAFKAKIT_SERIALIZATION', () => {
  const serde = bindSync(json(z.any()))
  const cyclic: Record<string, unknown> = {}
  cyclic.self = cyclic
  expect(thrown(() => serde.serialize(cyclic))).toMatchObject({ code: 'KAFKAKIT_SERIALIZATION' })
  expect(thrown(() => serde.serialize(10n))).toMatchObject({ code: 'KAFKAKIT_SERIALIZATION' })
  expect(thrown(() => serde.serialize(undefined))).toMatchObject({ code: 'KAFKAKIT_SERIALIZATION' })
})

test('an asynchronous schema is refused with KAFKAKIT_CONFIG', () => {
  const serde = bindSync(json(z.string().refine(async () => true)))
  expect(thrown(() => serde.serialize('x'))).toMatchObject({ code: 'KAFKAKIT_CONFIG' })
})
