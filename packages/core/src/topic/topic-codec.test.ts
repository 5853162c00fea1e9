import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { json } from '../serde/json-serde.js'
import { string } from '../serde/string-serde.js'
import { defineTopic } from './define-topic.js'
import { createTopicCodec } from './topic-codec.js'

const Event = z.object({ id: z.string(), kind: z.enum(['a', 'b']) })
const events = defineTopic({
  name: 'events',
  key: string(),
  value: json(Event),
  headers: { source: string(), attempt: json(z.number().int()) },
})

describe('createTopicCodec', () => {
  test('encodes key, value, declared and raw headers, partition and timestamp; decodes them back', async () => {
    const codec = await createTopicCodec(events)
    const encoded = codec.encode({
      key: 'k1',
      value: { id: '1', kind: 'a' },
      headers: { source: 'svc', attempt: 2 },
      rawHeaders: { traceparent: '00-abc' },
      partition: 2,
      timestamp: new Date(1000),
    })
    expect(encoded).toEqual({
      key: Buffer.from('k1'),
      value: Buffer.from('{"id":"1","kind":"a"}'),
      headers: { traceparent: Buffer.from('00-abc'), source: Buffer.from('svc'), attempt: Buffer.from('2') },
      partition: 2,
      timestamp: '1000',
    })
    const decoded = codec.decode({
      key: encoded.key,
      value: encoded.value,
      headers: { ...encoded.headers, attempt: [Buffer.from('1'), Buffer.from('3')] },
    })
    expect(decoded).toEqual({
      key: 'k1',
      value: { id: '1', kind: 'a' },
      headers: { source: 'svc', attempt: 3 },
      rawHeaders: {
        traceparent: Buffer.from('00-abc'),
        source: Buffer.from('svc'),
        attempt: [Buffer.from('1'), Buffer.from('3')],
      },
    })
  })

  test('a raw header given as an array is sent once per value, in order', async () => {
    const codec = await createTopicCodec(events)
    const encoded = codec.encode({
      key: 'k',
      value: { id: '1', kind: 'b' },
      rawHeaders: { hop: ['a', Buffer.from('b')] },
    })
    expect(encoded.headers).toEqual({ hop: [Buffer.from('a'), Buffer.from('b')] })
  })

  test('errors name the topic and the part that failed', async () => {
    const codec = await createTopicCodec(events)
    expect(() => codec.encode({ key: 'k', value: { id: '1', kind: 'c' as never } })).toThrow(
      expect.objectContaining({
        code: 'KAFKAKIT_VALIDATION',
        message: expect.stringMatching(/^Topic events: Invalid value: kind: Invalid option/),
        details: expect.objectContaining({ topic: 'events', part: 'value' }),
      }),
    )
    expect(() =>
      codec.encode({ key: 'k', value: { id: '1', kind: 'a' }, headers: { attempt: 1.5 } }),
    ).toThrow(expect.objectContaining({ details: expect.objectContaining({ part: 'header attempt' }) }))
    expect(() => codec.decode({ key: Buffer.from([0xff]), value: Buffer.from('{}') })).toThrow(
      expect.objectContaining({
        code: 'KAFKAKIT_DESERIALIZATION',
        details: expect.objectContaining({ part: 'key' }),
      }),
    )
  })

  test('a keyed topic needs a key: missing on produce is KAFKAKIT_VALIDATION, null on consume KAFKAKIT_DESERIALIZATION', async () => {
    const codec = await createTopicCodec(events)
    expect(() => codec.encode({ value: { id: '1', kind: 'a' } } as never)).toThrow(
      expect.objectContaining({
        code: 'KAFKAKIT_VALIDATION',
        message: 'Topic events: Invalid key: missing; the topic declares a key',
      }),
    )
    expect(() => codec.decode({ key: null, value: Buffer.from('{"id":"1","kind":"a"}') })).toThrow(
      expect.objectContaining({ code: 'KAFKAKIT_DESERIALIZATION' }),
    )
  })

  test('tombstones are refused unless the topic allows them', async () => {
    const strict = await createTopicCodec(events)
    expect(() => strict.encode({ key: 'k', value: null as never })).toThrow(
      expect.objectContaining({
        code: 'KAFKAKIT_VALIDATION',
        message: expect.stringContaining('tombstones: true'),
      }),
    )
    const compacted = await createTopicCodec(
      defineTopic({ name: 'users', key: string(), value: json(Event), tombstones: true }),
    )
    expect(compacted.encode({ key: 'k', value: null })).toMatchObject({ key: Buffer.from('k'), value: null })
    expect(compacted.decode({ key: Buffer.from('k'), value: null })).toMatchObject({ key: 'k', value: null })
  })

  test('an unkeyed topic passes raw key bytes through on consume and sends no key', async () => {
    const codec = await createTopicCodec(defineTopic({ name: 'logs', value: string() }))
    expect(codec.encode({ value: 'line' }).key).toBeNull()
    expect(codec.decode({ key: Buffer.from([1]), value: Buffer.from('line') })).toMatchObject({
      key: Buffer.from([1]),
      value: 'line',
    })
  })

  test('a record over maxMessageBytes is KAFKAKIT_MESSAGE_TOO_LARGE before anything is sent', async () => {
    const codec = await createTopicCodec(defineTopic({ name: 'blobs', value: string() }), {
      maxMessageBytes: 100,
    })
    expect(codec.encode({ value: 'x'.repeat(100) }).value).toHaveLength(100)
    expect(() => codec.encode({ value: 'x'.repeat(101) })).toThrow(
      expect.objectContaining({
        code: 'KAFKAKIT_MESSAGE_TOO_LARGE',
        message:
          "Topic blobs: the record is 101 bytes; the maximum is 100 (maxMessageBytes, and the topic's max.message.bytes)",
      }),
    )
  })
  test('header names count in UTF-8 bytes, as they go on the wire, not in UTF-16 units', async () => {
    const topic = defineTopic({ name: 'notes', value: string(), headers: { 'crème-brûlée': string() } })
    // 'é' and 'û' are 1 UTF-16 unit and 2 bytes each, '😀' 2 units and 4 bytes.
    const raw = { 'ééé😀': 'ab' } // name 5 units, 10 bytes; value 2 bytes
    const declared = { 'crème-brûlée': 'ab' } // name 12 units, 15 bytes; value 2 bytes
    // value 'v' (1 byte) + raw header 12 bytes = 13 bytes, though only 8 in UTF-16 units.
    const at = (maxMessageBytes: number) => createTopicCodec(topic, { maxMessageBytes })
    const tooLarge = (size: number, max: number) =>
      expect.objectContaining({
        code: 'KAFKAKIT_MESSAGE_TOO_LARGE',
        details: expect.objectContaining({ size, maxMessageBytes: max }),
      })
    await expect(at(12).then((c) => c.encode({ value: 'v', rawHeaders: raw }))).rejects.toThrow(
      tooLarge(13, 12),
    )
    expect((await at(13)).encode({ value: 'v', rawHeaders: raw }).headers).toEqual({
      'ééé😀': Buffer.from('ab'),
    })
    // Repeated raw header values each count the name again.
    await expect(
      at(24).then((c) => c.encode({ value: 'v', rawHeaders: { 'ééé😀': ['ab', 'ab'] } })),
    ).rejects.toThrow(tooLarge(25, 24))
    expect((await at(25)).encode({ value: 'v', rawHeaders: { 'ééé😀': ['ab', 'ab'] } })).toBeDefined()
    // A declared header: 1 + 15 + 2 = 18 bytes (15 in UTF-16 units).
    await expect(at(17).then((c) => c.encode({ value: 'v', headers: declared }))).rejects.toThrow(
      tooLarge(18, 17),
    )
    expect((await at(18)).encode({ value: 'v', headers: declared }).headers).toEqual({
      'crème-brûlée': Buffer.from('ab'),
    })
    // Header values are bytes already: multi-byte text counts in bytes too.
    await expect(at(10).then((c) => c.encode({ value: 'v', rawHeaders: { h: 'ééééé' } }))).rejects.toThrow(
      tooLarge(12, 10),
    )
  })
})
