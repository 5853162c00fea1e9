import { expectTypeOf, inject, test } from 'vitest'
import type { KafkaCluster, KafkaNode } from './kafka-cluster.js'
import { startKafka } from './start-kafka.js'
import type { KafkakitTestEnvironment } from './vitest.js'

test('startKafka takes 1 or 3 nodes and known modes only', () => {
  expectTypeOf(startKafka).returns.resolves.toEqualTypeOf<KafkaCluster>()
  void startKafka({ nodes: 3, mode: 'local', brokerConfig: { 'message.max.bytes': 1 } })
  // @ts-expect-error a 2-node KRaft quorum is not offered
  void startKafka({ nodes: 2 })
  // @ts-expect-error unknown mode
  void startKafka({ mode: 'docker' })
  // @ts-expect-error unknown option
  void startKafka({ brokers: 3 })
})

test('a cluster is async-disposable and its nodes can be killed, paused and restarted', () => {
  expectTypeOf<KafkaCluster>().toExtend<AsyncDisposable>()
  expectTypeOf<KafkaNode['kill']>().returns.resolves.toBeVoid()
  expectTypeOf<KafkaCluster['bootstrapServers']>().toBeString()
})

test("inject('kafkakit') is typed by the global setup", () => {
  expectTypeOf(inject('kafkakit')).toEqualTypeOf<KafkakitTestEnvironment>()
})
