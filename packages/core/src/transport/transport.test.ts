import { expect, test } from 'vitest'
import type { KafkaAdmin } from '../admin/kafka-admin.js'
import { clientInternals, createClient } from '../client/create-client.js'
import { kafkajs } from '../kafkajs/kafkajs-transport.js'
import { defineTransport, isTransport, type TransportInternals, transportInternals } from './transport.js'

/** A transport whose parts say which was asked for; no Kafka behind it. */
function recordingTransport(calls: string[]): TransportInternals {
  const fail = (part: string) => () => {
    calls.push(part)
    throw new Error(`${part} is not part of this test`)
  }
  return {
    name: 'recording',
    capabilities: {
      groupProtocols: ['classic', 'consumer'],
      transactionalGroupMetadata: true,
      gracefulRevocation: false,
      compression: ['none'],
      emulatedPartitionPause: true,
    },
    producer: fail('producer'),
    consumer: fail('consumer'),
    admin: (connection) => {
      calls.push(`admin ${connection.clientId}`)
      return { stop: async () => calls.push('admin stopped') } as unknown as KafkaAdmin
    },
    isInstrumented: () => false,
  }
}

test('kafkajs() is the default transport; the client hands its internals to the other packages', () => {
  const client = createClient({ brokers: ['127.0.0.1:9092'] })
  expect(clientInternals(client).transport).toBe(transportInternals(kafkajs()))
  expect(clientInternals(client).transport.name).toBe('kafkajs')
  expect(kafkajs()).toBe(kafkajs())
  expect(transportInternals(kafkajs()).capabilities).toMatchObject({
    groupProtocols: ['classic'],
    transactionalGroupMetadata: false,
    gracefulRevocation: true,
  })
})

test('createClient({ transport }): the admin (and every producer and consumer) comes from that transport', async () => {
  const calls: string[] = []
  const transport = defineTransport(recordingTransport(calls))
  expect(transport.name).toBe('recording')
  const client = createClient({ brokers: ['127.0.0.1:9092'], clientId: 'svc', transport })
  expect(clientInternals(client).transport.capabilities.transactionalGroupMetadata).toBe(true)
  client.admin()
  expect(calls).toEqual(['admin svc'])
  await client.stop()
  expect(calls).toEqual(['admin svc', 'admin stopped'])
})

test('a transport not made by defineTransport is a KAFKAKIT_CONFIG error naming the transport field', () => {
  const lookalike = { name: 'kafkajs' }
  expect(isTransport(lookalike)).toBe(false)
  expect(isTransport(kafkajs())).toBe(true)
  expect(() => createClient({ brokers: ['127.0.0.1:9092'], transport: lookalike as never })).toThrow(
    expect.objectContaining({
      code: 'KAFKAKIT_CONFIG',
      message: expect.stringMatching(/transport: expected a transport made by a kafkakit transport factory/),
      details: { fields: ['transport'] },
    }),
  )
  expect(() => transportInternals(lookalike as never)).toThrow(
    expect.objectContaining({ code: 'KAFKAKIT_CONFIG' }),
  )
})
