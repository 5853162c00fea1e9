import { avro, type BoundSerde, json, registryAvro, type Serde } from '@kafkakit/core'
import avsc from 'avsc'
import { test } from 'vitest'
import { z } from 'zod'
import { inMemoryRegistry } from '../packages/core/src/registry/in-memory-registry.test-helper.js'

// Encode + decode of one value per iteration: kafkakit's serdes against the plain libraries.
// The registry serde is bound (its schema id known), which is the hot path once a producer is warm.
// One test per group; its benchmarks run together (vitest's bench fixture, tinybench underneath) and
// vitest prints their comparison table after the test.

const schema = {
  type: 'record',
  name: 'Order',
  namespace: 'bench',
  fields: [
    { name: 'order_id', type: 'long' },
    { name: 'customer_name', type: 'string' },
    { name: 'total_amount', type: 'double' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['new', 'paid', 'shipped'] } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
  ],
}
const Order = z.object({
  order_id: z.number().int(),
  customer_name: z.string(),
  total_amount: z.number(),
  status: z.enum(['new', 'paid', 'shipped']),
  tags: z.array(z.string()),
})
type Order = z.infer<typeof Order>

/** A value whose JSON encoding is about `bytes` long. */
function orderOf(bytes: number): Order {
  const base = {
    order_id: 1234567,
    customer_name: 'Bob Smith',
    total_amount: 1049.5,
    status: 'paid' as const,
    tags: [] as string[],
  }
  const tag = 'tag-0123456789abcdef'
  while (JSON.stringify(base).length + tag.length + 3 <= bytes) base.tags.push(tag)
  return base
}

const bind = async (serde: Serde<Order>): Promise<BoundSerde<Order>> =>
  await serde.bind({ topic: 'bench', role: 'value', registry: inMemoryRegistry() })

const plainAvro = avsc.Type.forSchema(schema as avsc.Schema)
const kafkakitJson = await bind(json(Order))
const kafkakitAvro = await bind(avro<Order>(schema))
const kafkakitRegistryAvro = await bind(registryAvro<Order>(schema, { autoRegister: true }))

/**
 * tinybench's run options as vitest 4 used them (tinybench 2's defaults): at least 500 ms and 10
 * iterations per benchmark, after a warm-up of 100 ms and 5 iterations.
 */
const runOptions = { time: 500, iterations: 10, warmupTime: 100, warmupIterations: 5 }

for (const size of [100, 1024]) {
  const value = orderOf(size)
  test(`JSON, ${JSON.stringify(value).length} B`, async ({ bench }) => {
    await bench.compare(
      bench('plain JSON.stringify/parse', () => {
        JSON.parse(Buffer.from(JSON.stringify(value)).toString())
      }),
      bench('kafkakit json(zod)', () => {
        kafkakitJson.deserialize(kafkakitJson.serialize(value))
      }),
      runOptions,
    )
  })
  test(`Avro, ${plainAvro.toBuffer(value).length} B`, async ({ bench }) => {
    await bench.compare(
      bench('plain avsc toBuffer/fromBuffer', () => {
        plainAvro.fromBuffer(plainAvro.toBuffer(value))
      }),
      bench('kafkakit avro()', () => {
        kafkakitAvro.deserialize(kafkakitAvro.serialize(value))
      }),
      bench('kafkakit registryAvro() (warm)', () => {
        kafkakitRegistryAvro.deserialize(kafkakitRegistryAvro.serialize(value))
      }),
      runOptions,
    )
  })
}
