import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry'
import { expect, inject, test } from 'vitest'
import { startSchemaRegistry } from './start-schema-registry.js'
import { uniqueName } from './unique-name.js'

const { schemaRegistryUrl } = inject('kafkakit')

const orderV1 = {
  type: 'record',
  name: 'Order',
  namespace: 'kafkakit.test',
  fields: [
    { name: 'order_id', type: 'string' },
    { name: 'total_amount', type: 'double' },
  ],
}

function client(): SchemaRegistry {
  expect(schemaRegistryUrl, 'the global setup of this project starts a registry').toMatch(
    /\/apis\/ccompat\/v7$/,
  )
  return new SchemaRegistry({ host: schemaRegistryUrl! })
}

test('an Avro schema registered under <topic>-value frames values as magic byte 0 + big-endian schema id, and decodes back', async () => {
  const registry = client()
  const subject = `${uniqueName('orders')}-value`
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(orderV1) },
    { subject },
  )
  expect(await registry.getLatestSchemaId(subject)).toBe(id)

  const value = { order_id: 'o-1', total_amount: 12.5 }
  const encoded = await registry.encode(id, value)
  expect(encoded[0]).toBe(0)
  expect(encoded.readInt32BE(1)).toBe(id)
  expect(encoded.length).toBeGreaterThan(5)
  expect(await registry.decode(encoded)).toEqual(value)
})

test('the registry enforces BACKWARD compatibility: a new required field is rejected, an optional one accepted', async () => {
  const registry = client()
  const subject = `${uniqueName('orders')}-value`
  const { id: v1 } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(orderV1) },
    { subject },
  )

  const incompatible = { ...orderV1, fields: [...orderV1.fields, { name: 'customer_name', type: 'string' }] }
  await expect(
    registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(incompatible) }, { subject }),
  ).rejects.toThrow(/compatib|409/i)

  const compatible = {
    ...orderV1,
    fields: [...orderV1.fields, { name: 'customer_name', type: ['null', 'string'], default: null }],
  }
  const { id: v2 } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(compatible) },
    { subject },
  )
  expect(v2).not.toBe(v1)
  // Bytes written with v1 are read with v2 as the reader schema: the new field takes its default.
  const old = await registry.encode(v1, { order_id: 'o-2', total_amount: 1 })
  expect(await registry.decode(old, { [SchemaType.AVRO]: { readerSchema: compatible as never } })).toEqual({
    order_id: 'o-2',
    total_amount: 1,
    customer_name: null,
  })
})

test('a JSON Schema subject round-trips and rejects values that break the schema', async () => {
  const registry = client()
  const subject = `${uniqueName('users')}-value`
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { user_id: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
    required: ['user_id'],
    additionalProperties: false,
  }
  const { id } = await registry.register(
    { type: SchemaType.JSON, schema: JSON.stringify(schema) },
    { subject },
  )
  const value = { user_id: 'u-1', age: 42 }
  const encoded = await registry.encode(id, value)
  expect(encoded[0]).toBe(0)
  expect(encoded.readInt32BE(1)).toBe(id)
  expect(JSON.parse(encoded.subarray(5).toString('utf8'))).toEqual(value)
  expect(await registry.decode(encoded)).toEqual(value)
  await expect(registry.encode(id, { user_id: 'u-2', age: -1 })).rejects.toThrow()
})

test('in external mode the harness uses SCHEMA_REGISTRY_URL as it is', async () => {
  await using external = await startSchemaRegistry({ mode: 'external' })
  expect(external.url).toBe(schemaRegistryUrl)
  expect(external.mode).toBe('external')
})
