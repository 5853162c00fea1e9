import { expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import { avro } from '../serde/avro-serde.js'
import { bytes } from '../serde/bytes-serde.js'
import { json } from '../serde/json-serde.js'
import { string } from '../serde/string-serde.js'
import { type DecodedRecord, defineTopic, type ProduceRecord } from './define-topic.js'
import type { TopicCodec } from './topic-codec.js'

const UserEvent = z.object({
  event_id: z.uuid(),
  event_type: z.enum(['buy', 'sell', 'click', 'hover', 'idle_5']),
  tags: z.array(z.string()).default([]),
})
const userEvents = defineTopic({
  name: 'events_topic',
  key: string(),
  value: json(UserEvent),
  headers: { source: string() },
})
declare const codec: TopicCodec<typeof userEvents>
const event = { event_id: '6f1c1f52-39b5-4a53-9f0e-3b0a4c1b2d3e', event_type: 'buy' as const }

test('a produced record is checked against the topic at compile time', () => {
  codec.encode({ key: 'k', value: event })
  codec.encode({
    key: 'k',
    value: { ...event, tags: ['x'] },
    headers: { source: 's' },
    rawHeaders: { other: 'x' },
  })
  // @ts-expect-error the key is a string
  codec.encode({ key: 42, value: event })
  // @ts-expect-error the key is required on a keyed topic
  codec.encode({ value: event })
  // @ts-expect-error event_type must be one of the enum values
  codec.encode({ key: 'k', value: { ...event, event_type: 'steal' } })
  // @ts-expect-error a required field is missing
  codec.encode({ key: 'k', value: { event_type: 'buy' } })
  // @ts-expect-error no tombstones on this topic
  codec.encode({ key: 'k', value: null })
  // @ts-expect-error declared headers are typed
  codec.encode({ key: 'k', value: event, headers: { source: 1 } })
})

test('a consumed record has the inferred output types (defaults applied)', () => {
  type Consumed = DecodedRecord<typeof userEvents>
  expectTypeOf<Consumed['key']>().toEqualTypeOf<string>()
  expectTypeOf<Consumed['value']['tags']>().toEqualTypeOf<string[]>()
  expectTypeOf<Consumed['value']['event_type']>().toEqualTypeOf<
    'buy' | 'sell' | 'click' | 'hover' | 'idle_5'
  >()
  expectTypeOf<Consumed['headers']['source']>().toEqualTypeOf<string | undefined>()
})

test('tombstones and unkeyed topics', () => {
  const compacted = defineTopic({
    name: 'users',
    key: string(),
    value: avro<{ id: string }>('"string"'),
    tombstones: true,
  })
  expectTypeOf<ProduceRecord<typeof compacted>['value']>().toEqualTypeOf<{ id: string } | null>()
  expectTypeOf<DecodedRecord<typeof compacted>['value']>().toEqualTypeOf<{ id: string } | null>()

  const logs = defineTopic({ name: 'logs', value: bytes() })
  expectTypeOf<DecodedRecord<typeof logs>['key']>().toEqualTypeOf<Buffer | null>()
  const record: ProduceRecord<typeof logs> = { value: Buffer.from('x') }
  void record
  // @ts-expect-error an unkeyed topic takes no key
  const keyed: ProduceRecord<typeof logs> = { key: 'k', value: Buffer.from('x') }
  void keyed
})

test('topic names are kept as literal types', () => {
  expectTypeOf(userEvents.name).toEqualTypeOf<'events_topic'>()
})

test('misdeclared topics do not compile', () => {
  // @ts-expect-error a topic needs a value serde
  defineTopic({ name: 'no-value', key: string() })
  // @ts-expect-error serdes are made by string(), json(), avro(), bytes(), registryAvro(), ...
  defineTopic({ name: 'raw', value: 'string' })
  // @ts-expect-error header serdes too
  defineTopic({ name: 'headers', value: string(), headers: { source: 'string' } })
  // @ts-expect-error tombstones: true, or leave it out
  defineTopic({ name: 'compacted', value: string(), tombstones: false })
  // @ts-expect-error the name is a string
  defineTopic({ name: 42, value: string() })
})

test('the topic keeps its serdes and flags in its type', () => {
  const compacted = defineTopic({ name: 'users', key: string(), value: bytes(), tombstones: true })
  expectTypeOf(compacted.tombstones).toEqualTypeOf<true>()
  expectTypeOf(userEvents.tombstones).toEqualTypeOf<false>()
  expectTypeOf(defineTopic({ name: 'logs', value: string() }).key).toEqualTypeOf<undefined>()
  expectTypeOf(userEvents.headers.source).toEqualTypeOf<ReturnType<typeof string>>()
})
