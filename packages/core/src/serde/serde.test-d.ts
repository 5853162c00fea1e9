import { expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import {
  defineTopic,
  type KeyInput,
  type KeyOutput,
  type ValueInput,
  type ValueOutput,
} from '../topic/define-topic.js'
import { type AvroOptions, avro } from './avro-serde.js'
import { bytes } from './bytes-serde.js'
import { json } from './json-serde.js'
import type { BoundSerde, Serde, SerdeContext, SerdeInput, SerdeOutput } from './serde.js'
import { string } from './string-serde.js'

interface Order {
  order_id: number
  customer: string
}
const orderSchema = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'order_id', type: 'int' },
    { name: 'customer', type: 'string' },
  ],
}

test('string() and bytes(): text in and out; bytes in as Buffer or Uint8Array, out as Buffer', () => {
  expectTypeOf(string()).toEqualTypeOf<Serde<string>>()
  expectTypeOf<SerdeInput<ReturnType<typeof bytes>>>().toEqualTypeOf<Buffer | Uint8Array>()
  expectTypeOf<SerdeOutput<ReturnType<typeof bytes>>>().toEqualTypeOf<Buffer>()
  // @ts-expect-error string() takes no options
  string({ encoding: 'latin1' })
})

test("json(schema): zod's input type in, its output type (defaults and transforms applied) out", () => {
  const Event = z.object({
    id: z.string(),
    at: z.string().transform((s) => new Date(s)),
    tags: z.array(z.string()).default([]),
  })
  const serde = json(Event)
  expectTypeOf<SerdeInput<typeof serde>>().toEqualTypeOf<z.input<typeof Event>>()
  expectTypeOf<SerdeOutput<typeof serde>>().toEqualTypeOf<z.output<typeof Event>>()
  expectTypeOf<SerdeOutput<typeof serde>['at']>().toEqualTypeOf<Date>()
  expectTypeOf<SerdeInput<typeof serde>['tags']>().toEqualTypeOf<string[] | undefined>()
  // @ts-expect-error json() needs a schema (a Standard Schema such as zod's)
  json()
  // @ts-expect-error a JSON Schema object is not a Standard Schema: use registryJson's jsonSchema option
  json({ type: 'object' })
})

test('avro(schema): the type from the type argument, or from validate when given', () => {
  expectTypeOf(avro<Order>(orderSchema)).toEqualTypeOf<Serde<Order>>()
  expectTypeOf(avro(orderSchema)).toEqualTypeOf<Serde<unknown>>()
  const Checked = z.object({ order_id: z.number().int(), customer: z.string().min(1) })
  const validated = avro(orderSchema, { validate: Checked })
  expectTypeOf(validated).toEqualTypeOf<Serde<z.input<typeof Checked>, z.output<typeof Checked>>>()
  // A schema as text or as a parsed object (or a union's array).
  avro<string>('"string"')
  avro<string | null>(['null', 'string'])
  expectTypeOf<AvroOptions<typeof Checked>['validate']>().toEqualTypeOf<typeof Checked | undefined>()
  // @ts-expect-error the schema is Avro (text, object or array), not a number
  avro(42)
  // @ts-expect-error validate is a Standard Schema
  avro(orderSchema, { validate: (v: unknown) => v })
})

test('serdes type the topics built from them: keys, values, headers', () => {
  const topic = defineTopic({
    name: 'orders',
    key: string(),
    value: avro<Order>(orderSchema),
    headers: { blob: bytes(), source: string() },
  })
  expectTypeOf<KeyInput<typeof topic>>().toEqualTypeOf<string>()
  expectTypeOf<KeyOutput<typeof topic>>().toEqualTypeOf<string>()
  expectTypeOf<ValueInput<typeof topic>>().toEqualTypeOf<Order>()
  expectTypeOf<ValueOutput<typeof topic>>().toEqualTypeOf<Order>()
  expectTypeOf(topic.headers.blob).toEqualTypeOf<Serde<Buffer | Uint8Array, Buffer>>()
})

test('a serde of your own: bind once per topic and role (maybe asynchronously), then encode and decode synchronously', () => {
  const upper: Serde<string> = {
    kind: 'upper',
    bind: (context) => {
      expectTypeOf(context).toEqualTypeOf<SerdeContext>()
      expectTypeOf(context.role).toEqualTypeOf<'key' | 'value' | 'header'>()
      return {
        serialize: (value) => Buffer.from(value.toUpperCase()),
        deserialize: (data) => data.toString(),
      }
    },
  }
  expectTypeOf<ReturnType<typeof upper.bind>>().toEqualTypeOf<
    BoundSerde<string> | Promise<BoundSerde<string>>
  >()
  defineTopic({ name: 'shouting', value: upper })
  const wrong: Serde<string> = {
    kind: 'wrong',
    bind: () => ({
      // @ts-expect-error serialize returns a Buffer
      serialize: (value: string) => value,
      deserialize: (data) => data.toString(),
    }),
  }
  void wrong
})
