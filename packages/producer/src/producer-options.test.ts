import { createClient } from '@kafkakit/core'
import { expect, test } from 'vitest'
import { createTransactionalProducer } from './create-transactional-producer.js'
import { resolveProducerOptions } from './producer-options.js'

const config = (message: RegExp) =>
  expect.objectContaining({ code: 'KAFKAKIT_CONFIG', message: expect.stringMatching(message) })

test('defaults: idempotent, acks all, no compression, murmur2, no lingering', () => {
  expect(resolveProducerOptions()).toMatchObject({
    acks: 'all',
    idempotent: true,
    compression: 'none',
    ackTimeoutMs: 30_000,
    partitioner: 'murmur2',
    lingerMs: 0,
    telemetry: true,
  })
  expect(() => resolveProducerOptions({ acks: 1 })).toThrow(
    config(/idempotent: an idempotent producer needs acks "all"/),
  )
  expect(resolveProducerOptions({ acks: 1, idempotent: false }).acks).toBe(1)
  expect(() => resolveProducerOptions({ linger: 5 } as never)).toThrow(config(/linger/))
})

test('the transactional producer takes compression, ackTimeoutMs and telemetry as the producer defines them, and nothing it does not use', () => {
  const client = createClient({ brokers: ['127.0.0.1:1'] })
  expect(() =>
    createTransactionalProducer(client, { transactionalId: 't', compression: 'brotli' as never }),
  ).toThrow(config(/compression/))
  expect(() => createTransactionalProducer(client, { transactionalId: 't', ackTimeoutMs: 0 })).toThrow(
    config(/ackTimeoutMs/),
  )
  expect(() => createTransactionalProducer(client, { transactionalId: 't', acks: 1 } as never)).toThrow(
    config(/acks/),
  )
  expect(() => createTransactionalProducer(client, { transactionalId: '' })).toThrow(
    config(/transactionalId/),
  )
})
