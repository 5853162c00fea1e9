import { expect, inject, test } from 'vitest'
import { expectRoundTrip } from './round-trip.test-helper.js'
import { startKafka } from './start-kafka.js'
import { DEFAULT_KAFKA_VERSION } from './start-kafka-options.js'

const { bootstrapServers, kafkaVersion } = inject('kafkakit')

test('the shared 1-node cluster runs the default Kafka and a message round-trips with key, value and headers', async () => {
  if (kafkaVersion !== undefined) expect(kafkaVersion).toBe(DEFAULT_KAFKA_VERSION)
  await expectRoundTrip(bootstrapServers.split(','))
})

test('Apache Kafka 3.9.x is selectable and works the same', async () => {
  await using cluster = await startKafka({ mode: 'local', kafkaVersion: '3.9.2' })
  expect(cluster.kafkaVersion).toBe('3.9.2')
  await expectRoundTrip(cluster.brokers)
})
