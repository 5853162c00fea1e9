import { createClient, type KafkaClient } from '@kafkakit/core'
import { afterAll, inject } from 'vitest'

/** For the tests of a file: a client of the run's cluster, stopped after the file's tests. */
export function testClient(clientId: string): KafkaClient {
  const { bootstrapServers } = inject('kafkakit')
  const client = createClient({ brokers: bootstrapServers.split(','), clientId })
  afterAll(() => client.stop())
  return client
}
