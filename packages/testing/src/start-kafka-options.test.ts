import { expect, test } from 'vitest'
import { DEFAULT_KAFKA_VERSION, resolveStartKafkaOptions } from './start-kafka-options.js'

test('defaults: one node, auto mode, the default Kafka version, auto-creation left to brokerConfig', () => {
  const resolved = resolveStartKafkaOptions()
  expect(resolved).toMatchObject({
    nodes: 1,
    mode: 'auto',
    kafkaVersion: DEFAULT_KAFKA_VERSION,
    brokerConfig: {},
  })
})

test.each([
  [{ nodes: 2 }, /nodes: expected 1 or 3/],
  [{ mode: 'docker' }, /mode:/],
  [{ kafkaVersion: '2.8.0' }, /kafkaVersion: expected an Apache Kafka version 3\.7\.0 or newer/],
  [{ kafkaVersion: 'latest' }, /kafkaVersion:/],
  [{ brokers: 3 }, /brokers/],
  [{ startTimeoutMs: -5 }, /startTimeoutMs:/],
])('%j is rejected with a KAFKAKIT_CONFIG error naming the field', (options, message) => {
  expect(() => resolveStartKafkaOptions(options as never)).toThrow(
    expect.objectContaining({ code: 'KAFKAKIT_CONFIG', message: expect.stringMatching(message) }),
  )
})

test('Kafka 3.9.x and later 4.x versions are accepted', () => {
  expect(resolveStartKafkaOptions({ kafkaVersion: '3.9.2' }).kafkaVersion).toBe('3.9.2')
  expect(resolveStartKafkaOptions({ kafkaVersion: '4.10.0' }).kafkaVersion).toBe('4.10.0')
})
