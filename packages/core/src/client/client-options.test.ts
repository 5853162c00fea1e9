import { afterEach, expect, test } from 'vitest'
import { resolveClientOptions } from './client-options.js'

const saved = process.env.KAFKA_BOOTSTRAP_SERVERS
afterEach(() => {
  if (saved === undefined) delete process.env.KAFKA_BOOTSTRAP_SERVERS
  else process.env.KAFKA_BOOTSTRAP_SERVERS = saved
})

test('defaults: clientId kafkakit, no TLS, retries with backoff, 1 MiB records', () => {
  const options = resolveClientOptions({ brokers: ['127.0.0.1:9092'] })
  expect(options).toMatchObject({
    brokers: ['127.0.0.1:9092'],
    clientId: 'kafkakit',
    ssl: false,
    connectionTimeoutMs: 3000,
    retry: { retries: 5, initialRetryTimeMs: 300, maxRetryTimeMs: 30_000 },
    maxMessageBytes: 1_048_588,
  })
  expect(Object.isFrozen(options)).toBe(true)
})

test('without brokers, KAFKA_BOOTSTRAP_SERVERS is read; with neither, a KAFKAKIT_CONFIG error says what to do', () => {
  process.env.KAFKA_BOOTSTRAP_SERVERS = 'a:9092,b:9093'
  expect(resolveClientOptions().brokers).toEqual(['a:9092', 'b:9093'])
  process.env.KAFKA_BOOTSTRAP_SERVERS = 'not an address'
  expect(() => resolveClientOptions()).toThrow(
    expect.objectContaining({
      code: 'KAFKAKIT_CONFIG',
      message: expect.stringContaining('KAFKA_BOOTSTRAP_SERVERS'),
    }),
  )
  delete process.env.KAFKA_BOOTSTRAP_SERVERS
  expect(() => resolveClientOptions()).toThrow(
    expect.objectContaining({
      code: 'KAFKAKIT_CONFIG',
      message: expect.stringMatching(/brokers: none given.*KAFKA_BOOTSTRAP_SERVERS/),
    }),
  )
})

test('TLS and SASL (PLAIN, SCRAM-SHA-256/512) are accepted', () => {
  for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
    const options = resolveClientOptions({
      brokers: ['k:9093'],
      ssl: true,
      sasl: { mechanism, username: 'u', password: 'p' },
    })
    expect(options.sasl?.mechanism).toBe(mechanism)
  }
  expect(
    resolveClientOptions({ brokers: ['k:9093'], ssl: { ca: 'PEM', rejectUnauthorized: false } }).ssl,
  ).toEqual({
    ca: 'PEM',
    rejectUnauthorized: false,
  })
})

test.each([
  [{ brokers: ['no-port'] }, 'brokers.0'],
  [{ brokers: [] }, 'brokers'],
  [{ brokers: ['k:1'], sasl: { mechanism: 'oauthbearer', username: 'u', password: 'p' } }, 'sasl'],
  [{ brokers: ['k:1'], retry: { retries: -1 } }, 'retry.retries'],
  [{ brokers: ['k:1'], logger: console.log }, 'logger'],
  [{ brokers: ['k:1'], colour: 'red' }, 'colour'],
])('%j is a KAFKAKIT_CONFIG error naming %s', (options, field) => {
  expect(() => resolveClientOptions(options as never)).toThrow(
    expect.objectContaining({ code: 'KAFKAKIT_CONFIG', message: expect.stringContaining(field) }),
  )
})

test('a rejected option never echoes a secret', () => {
  const password = 'hunter2-very-secret'
  try {
    resolveClientOptions({ brokers: ['k:1'], sasl: { mechanism: 'plain', username: '', password } })
    expect.unreachable()
  } catch (error) {
    expect((error as Error).message).toContain('sasl.username')
    expect(JSON.stringify(error)).not.toContain(password)
    expect((error as Error).message).not.toContain(password)
  }
})

test('the schemaRegistry option is the registry options (less clientId), checked when the client is created', () => {
  const options = resolveClientOptions({
    brokers: ['k:1'],
    schemaRegistry: { url: 'http://registry:8081', auth: { username: 'u', password: 'p' } },
  })
  expect(options.schemaRegistry).toEqual({
    url: 'http://registry:8081',
    auth: { username: 'u', password: 'p' },
    retries: 3,
  })
  const config = (message: RegExp) =>
    expect.objectContaining({ code: 'KAFKAKIT_CONFIG', message: expect.stringMatching(message) })
  expect(() => resolveClientOptions({ brokers: ['k:1'], schemaRegistry: { url: 'registry:8081' } })).toThrow(
    config(/schemaRegistry\.url/),
  )
  expect(() =>
    resolveClientOptions({ brokers: ['k:1'], schemaRegistry: { url: 'http://r', clientId: 'x' } as never }),
  ).toThrow(config(/schemaRegistry.*clientId/))
  expect(() =>
    resolveClientOptions({ brokers: ['k:1'], schemaRegistry: { url: 'http://r', retries: 50 } }),
  ).toThrow(config(/schemaRegistry\.retries/))
})

test('a partial retry option keeps the other defaults; the timeouts are options', () => {
  expect(resolveClientOptions({ brokers: ['k:1'], retry: { retries: 0 } }).retry).toEqual({
    retries: 0,
    initialRetryTimeMs: 300,
    maxRetryTimeMs: 30_000,
  })
  expect(
    resolveClientOptions({ brokers: ['k:1'], requestTimeoutMs: 1000, connectionTimeoutMs: 500 }),
  ).toMatchObject({ requestTimeoutMs: 1000, connectionTimeoutMs: 500, authenticationTimeoutMs: 10_000 })
})
