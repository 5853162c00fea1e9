import { expect, test } from 'vitest'
import { resolveClientOptions } from '../client/client-options.js'
import { consoleLogger } from '../logging/logger.js'
import { toKafkajsConfig } from './kafkajs-config.js'

test('client options map onto kafkajs: TLS, SASL, timeouts, retries; silent unless a logger is given', () => {
  const config = toKafkajsConfig(
    resolveClientOptions({
      brokers: ['k1:9093', 'k2:9093'],
      clientId: 'svc',
      ssl: { ca: 'PEM' },
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
      connectionTimeoutMs: 1500,
      requestTimeoutMs: 20_000,
      retry: { retries: 8, initialRetryTimeMs: 100, maxRetryTimeMs: 5000 },
    }),
  )
  expect(config).toMatchObject({
    brokers: ['k1:9093', 'k2:9093'],
    clientId: 'svc',
    ssl: { ca: 'PEM', rejectUnauthorized: true },
    sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
    connectionTimeout: 1500,
    requestTimeout: 20_000,
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 5000 },
    logLevel: 0,
  })
  expect(
    toKafkajsConfig(resolveClientOptions({ brokers: ['k:1'], logger: consoleLogger(), logLevel: 'warn' }))
      .logLevel,
  ).toBe(2)
  expect(toKafkajsConfig(resolveClientOptions({ brokers: ['k:1'] }))).not.toHaveProperty('ssl')
})
