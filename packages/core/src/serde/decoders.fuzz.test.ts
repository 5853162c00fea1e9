import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { inMemoryRegistry } from '../registry/in-memory-registry.test-helper.js'
import { registryAvro } from '../registry/registry-avro-serde.js'
import { registryJson } from '../registry/registry-json-serde.js'
import { avro } from './avro-serde.js'
import { bytes } from './bytes-serde.js'
import { json } from './json-serde.js'
import type { BoundSerde, Serde } from './serde.js'
import { string } from './string-serde.js'

// Feeds 100,000 hostile buffers to every decoder: random bytes, truncations and bit flips of valid
// encodings, and valid framing around garbage. Every failure must be a KafkakitError, never anything else.
const CASES = 100_000
const SEED = 0x5eed

/** mulberry32: a small deterministic PRNG, so a failure reproduces. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const Order = z.object({
  order_id: z.number().int(),
  customer_name: z.string(),
  total_amount: z.number(),
  lines: z.array(z.object({ sku: z.string(), qty: z.number().int() })),
  status: z.enum(['new', 'paid']),
  note: z.string().nullable(),
})
const orderAvro = {
  type: 'record',
  name: 'Order',
  namespace: 'fuzz',
  fields: [
    { name: 'order_id', type: 'long' },
    { name: 'customer_name', type: 'string' },
    { name: 'total_amount', type: 'double' },
    {
      name: 'lines',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Line',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
          ],
        },
      },
    },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['new', 'paid'] } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'map', values: 'string' }, default: {} },
    {
      name: 'checksum',
      type: { type: 'fixed', name: 'Checksum', size: 4 },
      default: '\u0000\u0000\u0000\u0000',
    },
  ],
}
const sample = {
  order_id: 7,
  customer_name: 'Bob Smith',
  total_amount: 10.5,
  lines: [{ sku: 'a-1', qty: 2 }],
  status: 'paid' as const,
  note: null,
  tags: { a: 'b' },
  checksum: Buffer.from([1, 2, 3, 4]),
}

async function bind(serde: Serde<unknown>, registry = inMemoryRegistry()): Promise<BoundSerde<unknown>> {
  return await serde.bind({ topic: 'fuzz', role: 'value', registry })
}

const decoders: { name: string; make: () => Promise<BoundSerde<unknown>>; example?: unknown }[] = [
  { name: 'string()', make: () => bind(string() as Serde<unknown>), example: 'a string value ünïcödé' },
  { name: 'bytes()', make: () => bind(bytes() as Serde<unknown>), example: Buffer.from('some bytes') },
  { name: 'json(zod)', make: () => bind(json(Order) as Serde<unknown>) },
  { name: 'avro()', make: () => bind(avro(orderAvro)) },
  {
    name: 'avro() + zod',
    make: () =>
      bind(
        avro(orderAvro, {
          validate: Order.extend({ tags: z.record(z.string(), z.string()), checksum: z.instanceof(Buffer) }),
        }) as Serde<unknown>,
      ),
  },
  { name: 'registryAvro()', make: () => bind(registryAvro(orderAvro, { autoRegister: true })) },
  {
    name: 'registryJson(zod)',
    make: () => bind(registryJson(Order, { autoRegister: true }) as Serde<unknown>),
  },
]

describe(`${CASES} hostile buffers per decoder (seed ${SEED})`, () => {
  test.each(decoders)(
    '$name throws nothing but KafkakitError',
    async ({ make, example = sample }) => {
      const serde = await make()
      const random = prng(SEED)
      const byte = () => Math.floor(random() * 256)
      // Valid encodings to truncate and corrupt.
      const valid = [serde.serialize(example)]
      const untyped: unknown[] = []
      let typed = 0
      let decoded = 0
      const check = (error: unknown) => {
        if (KafkakitError.is(error)) typed += 1
        else if (untyped.length < 5) untyped.push(error)
        else untyped.push('…')
      }
      const pending: Promise<unknown>[] = []
      for (let i = 0; i < CASES; i++) {
        const base = valid[i % valid.length]!
        let input: Buffer
        switch (i % 4) {
          case 0: // random bytes, 0 to 64 long
            input = Buffer.from(Array.from({ length: Math.floor(random() * 65) }, byte))
            break
          case 1: // a truncated valid encoding
            input = base.subarray(0, Math.floor(random() * base.length))
            break
          case 2: {
            // a valid encoding with 1 to 3 bytes changed
            input = Buffer.from(base)
            for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--)
              input[Math.floor(random() * input.length)] = byte()
            break
          }
          default: // registry framing (magic 0, a small id) around random bytes
            input = Buffer.concat([
              Buffer.from([0, 0, 0, 0, Math.floor(random() * 4) + 99]),
              Buffer.from(Array.from({ length: Math.floor(random() * 40) }, byte)),
            ])
        }
        try {
          const result = serde.deserialize(input)
          if (result instanceof Promise) pending.push(result.then(() => decoded++, check))
          else decoded += 1
        } catch (error) {
          check(error)
        }
      }
      await Promise.all(pending)
      expect(untyped).toEqual([])
      expect(typed + decoded).toBe(CASES)
    },
    120_000,
  )
})
