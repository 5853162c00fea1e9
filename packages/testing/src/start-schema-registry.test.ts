import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { startSchemaRegistry } from './start-schema-registry.js'
import { apicurioJavaVersion, resolveStartSchemaRegistryOptions } from './start-schema-registry-options.js'

const saved = { ...process.env }
beforeEach(async () => {
  delete process.env.SCHEMA_REGISTRY_URL
  process.env.KAFKAKIT_CACHE_DIR = await mkdtemp(join(tmpdir(), 'kafkakit-cache-'))
})
afterEach(() => {
  process.env = { ...saved }
})

test('defaults: Apicurio 3.0.9 (runs on Java 17), BACKWARD compatibility like Confluent', () => {
  expect(resolveStartSchemaRegistryOptions()).toMatchObject({
    mode: 'auto',
    version: '3.0.9',
    compatibility: 'BACKWARD',
  })
  expect(() => resolveStartSchemaRegistryOptions({ version: '2.6.13.Final' })).toThrow(
    /version: expected an Apicurio Registry 3\.x/,
  )
  expect(() => resolveStartSchemaRegistryOptions({ compatibility: 'SOMETIMES' as never })).toThrow(
    /compatibility/,
  )
})

test('Apicurio 3.3 and later need Java 21; earlier 3.x run on Java 17', () => {
  expect(apicurioJavaVersion('3.0.9')).toBe(17)
  expect(apicurioJavaVersion('3.3.3')).toBe(21)
})

test('no suitable Java: a KAFKAKIT_ENVIRONMENT error within seconds, naming the Java version the registry needs', async () => {
  const started = Date.now()
  const error = await startSchemaRegistry({
    mode: 'local',
    version: '3.3.3',
    javaHome: '/nonexistent/jdk',
  }).catch((e) => e)
  expect(error).toMatchObject({
    code: 'KAFKAKIT_ENVIRONMENT',
    message: expect.stringMatching(/Java 21 or newer/),
  })
  expect(Date.now() - started).toBeLessThan(5000)
})

test('external mode without SCHEMA_REGISTRY_URL is a configuration error', async () => {
  await expect(startSchemaRegistry({ mode: 'external' })).rejects.toMatchObject({ code: 'KAFKAKIT_CONFIG' })
})
