import { SchemaType, SchemaRegistry as ThirdPartyClient } from '@kafkajs/confluent-schema-registry'
import { uniqueName } from '@kafkakit/testing'
import { describe, expect, inject, test } from 'vitest'
import { z } from 'zod'
import { string } from '../serde/string-serde.js'
import { defineTopic } from '../topic/define-topic.js'
import { createTopicCodec } from '../topic/topic-codec.js'
import { registryAvro } from './registry-avro-serde.js'
import { registryJson } from './registry-json-serde.js'
import { createSchemaRegistry } from './schema-registry.js'

const { schemaRegistryUrl } = inject('kafkakit')
const registry = createSchemaRegistry({ url: schemaRegistryUrl! })
const other = new ThirdPartyClient({ host: schemaRegistryUrl! })

const orderV1 = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'order_id', type: 'long' },
    { name: 'customer_name', type: 'string' },
    { name: 'total_amount', type: 'double' },
  ],
}
const orderV2 = {
  ...orderV1,
  fields: [...orderV1.fields, { name: 'currency', type: 'string', default: 'EUR' }],
}
const order = { order_id: 1, customer_name: 'Bob Smith', total_amount: 10.5 }

describe('registry serdes against a real schema registry (Apicurio, Confluent API)', () => {
  test('auto-registered Avro: kafkakit bytes decode with @kafkajs/confluent-schema-registry, and the other way round', async () => {
    const topic = defineTopic({
      name: uniqueName('orders'),
      key: string(),
      value: registryAvro<typeof order>(orderV1, { autoRegister: true }),
    })
    const codec = await createTopicCodec(topic, { registry })
    const encoded = codec.encode({ key: 'k', value: order })
    const id = await other.getLatestSchemaId(`${topic.name}-value`)
    expect(encoded.value!.readInt32BE(1)).toBe(id)
    expect(await other.decode(encoded.value!)).toEqual(order)
    const theirs = await other.encode(id, { ...order, order_id: 2 })
    expect(await codec.decode({ key: Buffer.from('k'), value: theirs })).toMatchObject({
      value: { ...order, order_id: 2 },
    })
  })

  test('without autoRegister: an unregistered schema is KAFKAKIT_SCHEMA_NOT_FOUND; once registered, its id is found', async () => {
    const name = uniqueName('orders')
    const topic = defineTopic({ name, value: registryAvro(orderV1) })
    await expect(createTopicCodec(topic, { registry })).rejects.toMatchObject({
      code: 'KAFKAKIT_SCHEMA_NOT_FOUND',
      retriable: false,
      message: expect.stringContaining(`subject ${name}-value`),
    })
    const { id } = await other.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(orderV1) },
      { subject: `${name}-value` },
    )
    const codec = await createTopicCodec(topic, { registry })
    expect(codec.encode({ value: order }).value!.readInt32BE(1)).toBe(id)
  })

  test('schema evolution: records written with v1 are read by a v2 reader with the new field defaulted', async () => {
    const name = uniqueName('orders')
    const { id: v1 } = await other.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(orderV1) },
      { subject: `${name}-value` },
    )
    const v1Bytes = await other.encode(v1, order)
    const reader = await createTopicCodec(
      defineTopic({ name, value: registryAvro(orderV2, { autoRegister: true }) }),
      { registry },
    )
    expect(await reader.decode({ key: null, value: v1Bytes })).toMatchObject({
      value: { ...order, currency: 'EUR' },
    })
  })

  test('an incompatible schema is refused (KAFKAKIT_SCHEMA_REGISTRY, not retriable)', async () => {
    const name = uniqueName('orders')
    await createTopicCodec(defineTopic({ name, value: registryAvro(orderV1, { autoRegister: true }) }), {
      registry,
    })
    const breaking = { ...orderV1, fields: [...orderV1.fields, { name: 'required_new', type: 'string' }] }
    await expect(
      createTopicCodec(defineTopic({ name, value: registryAvro(breaking, { autoRegister: true }) }), {
        registry,
      }),
    ).rejects.toMatchObject({ code: 'KAFKAKIT_SCHEMA_REGISTRY', retriable: false })
  })

  test('an unknown schema id in a record is KAFKAKIT_SCHEMA_NOT_FOUND', async () => {
    const codec = await createTopicCodec(
      defineTopic({ name: uniqueName('orders'), value: registryAvro(orderV1, { autoRegister: true }) }),
      {
        registry,
      },
    )
    await expect(
      codec.decode({ key: null, value: Buffer.from([0, 0x7f, 0, 0, 1, 2]) }),
    ).rejects.toMatchObject({
      code: 'KAFKAKIT_SCHEMA_NOT_FOUND',
      details: expect.objectContaining({ part: 'value' }),
    })
  })

  test('a registry that cannot be reached is KAFKAKIT_REGISTRY_UNAVAILABLE and retriable', async () => {
    const down = createSchemaRegistry({ url: 'http://127.0.0.1:9/apis/ccompat/v7', retries: 0 })
    await expect(down.schemaById(1)).rejects.toMatchObject({
      code: 'KAFKAKIT_REGISTRY_UNAVAILABLE',
      retriable: true,
    })
  })

  test('registryJson registers the JSON Schema derived from zod; both clients read the bytes', async () => {
    const User = z.object({ user_id: z.string(), age: z.number().int().min(0) })
    const name = uniqueName('users')
    const codec = await createTopicCodec(
      defineTopic({ name, value: registryJson(User, { autoRegister: true }) }),
      { registry },
    )
    const encoded = codec.encode({ value: { user_id: 'u1', age: 3 } }).value!
    const id = encoded.readInt32BE(1)
    const stored = (await fetch(`${schemaRegistryUrl}/schemas/ids/${id}`).then((r) => r.json())) as {
      schemaType: string
      schema: string
    }
    expect(stored.schemaType).toBe('JSON')
    expect(JSON.parse(stored.schema)).toEqual(z.toJSONSchema(User, { target: 'draft-7', io: 'output' }))
    expect(await other.decode(encoded)).toEqual({ user_id: 'u1', age: 3 })
    expect(codec.decode({ key: null, value: encoded })).toMatchObject({ value: { user_id: 'u1', age: 3 } })
  })
})
