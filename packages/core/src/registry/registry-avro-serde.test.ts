import avsc from 'avsc'
import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import type { SerdeContext } from '../serde/serde.js'
import { inMemoryRegistry } from './in-memory-registry.test-helper.js'
import { registryAvro } from './registry-avro-serde.js'

const v1 = { type: 'record', name: 'User', namespace: 'app', fields: [{ name: 'id', type: 'string' }] }
const v2 = { ...v1, fields: [...v1.fields, { name: 'age', type: ['null', 'int'], default: null }] }
const contextFor = (registry = inMemoryRegistry(), role: SerdeContext['role'] = 'value'): SerdeContext => ({
  topic: 'users',
  role,
  registry,
})

describe('registryAvro', () => {
  test('with autoRegister it registers under <topic>-value and frames values with the id', async () => {
    const registry = inMemoryRegistry()
    const serde = await registryAvro<{ id: string }>(v1, { autoRegister: true }).bind(contextFor(registry))
    const encoded = serde.serialize({ id: 'u1' })
    const id = registry.subjects.get('users-value')![0]!
    expect(encoded[0]).toBe(0)
    expect(encoded.readInt32BE(1)).toBe(id)
    expect(encoded.subarray(5)).toEqual(avsc.Type.forSchema(v1 as avsc.Schema).toBuffer({ id: 'u1' }))
    expect(serde.deserialize(encoded)).toEqual({ id: 'u1' })
  })

  test('without autoRegister an unregistered schema is KAFKAKIT_SCHEMA_NOT_FOUND, not retriable', async () => {
    await expect(registryAvro(v1).bind(contextFor())).rejects.toMatchObject({
      code: 'KAFKAKIT_SCHEMA_NOT_FOUND',
      retriable: false,
      message: expect.stringContaining('register it first, or set autoRegister: true'),
    })
  })

  test('record and topic-record strategies name the subject after the record', async () => {
    const registry = inMemoryRegistry()
    await registryAvro(v1, { autoRegister: true, subjectStrategy: 'record' }).bind(contextFor(registry))
    await registryAvro(v1, { autoRegister: true, subjectStrategy: 'topic-record' }).bind(
      contextFor(registry, 'key'),
    )
    expect([...registry.subjects.keys()]).toEqual(['app.User', 'users-app.User'])
  })

  test('records written with an older registered version are resolved into this schema', async () => {
    const registry = inMemoryRegistry()
    const writerId = registry.register('users-value', 'AVRO', JSON.stringify(v1))
    const old = Buffer.concat([
      Buffer.from([0, 0, 0, 0, writerId]),
      avsc.Type.forSchema(v1 as avsc.Schema).toBuffer({ id: 'u1' }),
    ])
    const reader = await registryAvro(v2, { autoRegister: true }).bind(contextFor(registry))
    const first = reader.deserialize(old)
    expect(first).toBeInstanceOf(Promise)
    expect(await first).toEqual({ id: 'u1', age: null })
    // The resolver is cached: the second record with that id decodes synchronously.
    expect(reader.deserialize(old)).toEqual({ id: 'u1', age: null })
  })

  test('an unknown schema id is KAFKAKIT_SCHEMA_NOT_FOUND; a JSON schema id is KAFKAKIT_DESERIALIZATION', async () => {
    const registry = inMemoryRegistry()
    const serde = await registryAvro(v1, { autoRegister: true }).bind(contextFor(registry))
    await expect(serde.deserialize(Buffer.from([0, 0, 0, 0x7f, 0x7f, 2, 0x61]))).rejects.toMatchObject({
      code: 'KAFKAKIT_SCHEMA_NOT_FOUND',
    })
    const jsonId = registry.register('other', 'JSON', '{}')
    await expect(serde.deserialize(Buffer.from([0, 0, 0, 0, jsonId, 2, 0x61]))).rejects.toMatchObject({
      code: 'KAFKAKIT_DESERIALIZATION',
      message: expect.stringContaining('is a JSON schema, not Avro'),
    })
  })

  test('an incompatible writer schema is KAFKAKIT_DESERIALIZATION', async () => {
    const registry = inMemoryRegistry()
    const other = registry.register(
      'x',
      'AVRO',
      JSON.stringify({
        type: 'record',
        name: 'User',
        namespace: 'app',
        fields: [{ name: 'id', type: 'int' }],
      }),
    )
    const serde = await registryAvro(v1, { autoRegister: true }).bind(contextFor(registry))
    await expect(serde.deserialize(Buffer.from([0, 0, 0, 0, other, 2]))).rejects.toMatchObject({
      code: 'KAFKAKIT_DESERIALIZATION',
      message: expect.stringContaining('cannot be read as app.User'),
    })
  })

  test('a zod validator runs on both sides', async () => {
    const serde = await registryAvro(v1, {
      autoRegister: true,
      validate: z.object({ id: z.string().startsWith('u') }),
    }).bind(contextFor())
    expect(() => serde.serialize({ id: 'x1' })).toThrow(
      expect.objectContaining({ code: 'KAFKAKIT_VALIDATION' }),
    )
  })

  test('without a registry, or as a header serde, binding is KAFKAKIT_CONFIG', async () => {
    await expect(async () => registryAvro(v1).bind({ topic: 'users', role: 'value' })).rejects.toMatchObject({
      code: 'KAFKAKIT_CONFIG',
      message: expect.stringContaining('no schema registry is configured'),
    })
    await expect(async () =>
      registryAvro(v1).bind({ topic: 'users', role: 'header', header: 'h', registry: inMemoryRegistry() }),
    ).rejects.toMatchObject({ code: 'KAFKAKIT_CONFIG' })
  })
})

test('the schema is registered as written, field defaults included (avsc would drop them)', async () => {
  const registry = inMemoryRegistry()
  await registryAvro(v2, { autoRegister: true }).bind(contextFor(registry))
  const [id] = registry.subjects.get('users-value')!
  expect(JSON.parse((await registry.schemaById(id!)).schema)).toEqual(v2)
})
