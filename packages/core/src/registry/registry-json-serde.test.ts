import { expect, test } from 'vitest'
import { z } from 'zod'
import { inMemoryRegistry } from './in-memory-registry.test-helper.js'
import { registryJson } from './registry-json-serde.js'

const User = z
  .object({ user_id: z.string(), age: z.number().int().min(0).optional() })
  .meta({ title: 'User' })

test('registryJson registers the JSON Schema that zod derives from the schema itself', async () => {
  const registry = inMemoryRegistry()
  const serde = await registryJson(User, { autoRegister: true }).bind({
    topic: 'users',
    role: 'value',
    registry,
  })
  const [id] = registry.subjects.get('users-value')!
  const registered = JSON.parse((await registry.schemaById(id!)).schema)
  expect(registered).toEqual(z.toJSONSchema(User, { target: 'draft-7', io: 'output' }))
  expect(registered.title).toBe('User')

  const encoded = serde.serialize({ user_id: 'u1', age: 3 })
  expect(encoded[0]).toBe(0)
  expect(encoded.readInt32BE(1)).toBe(id)
  expect(JSON.parse(encoded.subarray(5).toString())).toEqual({ user_id: 'u1', age: 3 })
  expect(serde.deserialize(encoded)).toEqual({ user_id: 'u1', age: 3 })
  expect(() => serde.serialize({ user_id: 'u1', age: -1 })).toThrow(
    expect.objectContaining({ code: 'KAFKAKIT_VALIDATION' }),
  )
})

test('the record strategy uses the schema title; unknown ids and Avro ids are rejected with typed errors', async () => {
  const registry = inMemoryRegistry()
  const serde = await registryJson(User, { autoRegister: true, subjectStrategy: 'record' }).bind({
    topic: 'users',
    role: 'value',
    registry,
  })
  expect([...registry.subjects.keys()]).toEqual(['User'])
  await expect(serde.deserialize(Buffer.from([0, 0, 0, 9, 9, 0x7b, 0x7d]))).rejects.toMatchObject({
    code: 'KAFKAKIT_SCHEMA_NOT_FOUND',
  })
  const avroId = registry.register('x', 'AVRO', '"string"')
  await expect(serde.deserialize(Buffer.from([0, 0, 0, 0, avroId, 0x7b, 0x7d]))).rejects.toMatchObject({
    code: 'KAFKAKIT_DESERIALIZATION',
  })
})

test('a non-zod schema needs an explicit jsonSchema', () => {
  const foreign = {
    '~standard': { version: 1 as const, vendor: 'valibot', validate: (value: unknown) => ({ value }) },
  }
  expect(() => registryJson(foreign)).toThrow(expect.objectContaining({ code: 'KAFKAKIT_CONFIG' }))
  expect(() => registryJson(foreign, { jsonSchema: { type: 'object' } })).not.toThrow()
})
