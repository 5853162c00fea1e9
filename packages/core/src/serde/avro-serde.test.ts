import avsc from 'avsc'
import { expect, test } from 'vitest'
import { z } from 'zod'
import { avro } from './avro-serde.js'
import { type SeedOrder, seedOrderSchema } from './order-fixture.test-helper.js'
import { bindSync, thrown } from './test-context.test-helper.js'

const orderSchema = seedOrderSchema([
  {
    name: 'lines',
    type: {
      type: 'array',
      items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }] },
    },
  },
])
interface Order extends SeedOrder {
  lines: { sku: string }[]
}
const order: Order = {
  order_id: 1,
  order_ts: 1534772501276,
  total_amount: 10.5,
  customer_name: 'Bob Smith',
  lines: [{ sku: 'a' }],
}

test('avro() writes the same bytes as avsc and reads them back', () => {
  const serde = bindSync(avro<Order>(orderSchema))
  const encoded = serde.serialize(order)
  expect(encoded).toEqual(avsc.Type.forSchema(orderSchema as avsc.Schema).toBuffer(order))
  expect(serde.deserialize(encoded)).toEqual(order)
})

test('a value that does not fit the Avro schema is KAFKAKIT_VALIDATION naming every bad path', () => {
  const serde = bindSync(avro<Order>(orderSchema))
  const error = thrown(() =>
    serde.serialize({ ...order, order_id: 'one' as never, lines: [{ sku: 7 as never }] }),
  )
  expect(error).toMatchObject({ code: 'KAFKAKIT_VALIDATION' })
  expect(error.message).toContain('order_id: expected long')
  expect(error.message).toContain('lines.0.sku: expected string')
})

test('truncated, trailing and random bytes are KAFKAKIT_DESERIALIZATION', () => {
  const serde = bindSync(avro<Order>(orderSchema))
  const encoded = serde.serialize(order)
  expect(thrown(() => serde.deserialize(encoded.subarray(0, encoded.length - 2)))).toMatchObject({
    code: 'KAFKAKIT_DESERIALIZATION',
    message: expect.stringMatching(/malformed Avro \(truncated data\) for schema shop\.Order/),
  })
  expect(thrown(() => serde.deserialize(Buffer.concat([encoded, Buffer.from([1])])))).toMatchObject({
    code: 'KAFKAKIT_DESERIALIZATION',
    message: expect.stringMatching(/trailing data/),
  })
})

test('an invalid Avro schema is KAFKAKIT_CONFIG when the serde is made', () => {
  expect(
    thrown(() => avro({ type: 'record', name: 'X', fields: [{ name: 'a', type: 'nope' }] })),
  ).toMatchObject({
    code: 'KAFKAKIT_CONFIG',
    message: expect.stringMatching(/^Invalid Avro schema/),
  })
})

test('avro() with a zod validator checks both the zod rules and the Avro types', () => {
  const Order = z.object({
    order_id: z.number().int().positive(),
    order_ts: z.number(),
    total_amount: z.number().nonnegative(),
    customer_name: z.string().min(1),
    lines: z.array(z.object({ sku: z.string() })),
  })
  const serde = bindSync(avro(orderSchema, { validate: Order }))
  expect(serde.deserialize(serde.serialize(order))).toEqual(order)
  expect(thrown(() => serde.serialize({ ...order, total_amount: -1 }))).toMatchObject({
    code: 'KAFKAKIT_VALIDATION',
    message: expect.stringContaining('total_amount'),
  })
})

test('a record claiming more array or map items than its bytes can hold is refused at once (no out-of-memory)', () => {
  // Found by the decoder fuzz test: avsc preallocates `new Array(count)` and loops `count` times, so a
  // few hostile bytes exhausted the heap. The count here is 2^40 (zig-zag varint), in 8 bytes.
  const hugeCount = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40])
  const started = Date.now()
  for (const schema of [
    { type: 'array', items: 'string' },
    { type: 'array', items: 'null' },
    { type: 'map', values: 'null' },
    {
      type: 'record',
      name: 'R',
      fields: [{ name: 'a', type: { type: 'array', items: { type: 'record', name: 'E', fields: [] } } }],
    },
  ]) {
    expect(thrown(() => bindSync(avro(schema)).deserialize(hugeCount))).toMatchObject({
      code: 'KAFKAKIT_DESERIALIZATION',
    })
  }
  expect(Date.now() - started).toBeLessThan(1000)
  // Legitimate zero-size items still decode: 1000 nulls in 3 bytes.
  expect(
    bindSync(avro({ type: 'array', items: 'null' })).deserialize(Buffer.from([0xd0, 0x0f, 0x00])),
  ).toHaveLength(1000)
})
