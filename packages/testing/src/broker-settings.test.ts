import { expect, test } from 'vitest'
import { brokerSettings } from './broker-settings.js'

const listeners = {
  listeners: 'PLAINTEXT://127.0.0.1:1,CONTROLLER://127.0.0.1:2',
  advertisedListeners: 'PLAINTEXT://127.0.0.1:1',
  interBrokerListenerName: 'PLAINTEXT',
  securityProtocolMap: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
}

test('a single node replicates internal topics once and turns topic auto-creation off', () => {
  const settings = brokerSettings(1, '1@127.0.0.1:2', listeners, 1, {})
  expect(settings).toMatchObject({
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': '1@127.0.0.1:2',
    'offsets.topic.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'min.insync.replicas': '1',
    'auto.create.topics.enable': 'false',
  })
})

test('three nodes replicate three ways with min.insync.replicas 2; caller overrides win', () => {
  const settings = brokerSettings(2, 'v', listeners, 3, {
    'auto.create.topics.enable': true,
    'message.max.bytes': 10,
  })
  expect(settings).toMatchObject({
    'default.replication.factor': '3',
    'offsets.topic.replication.factor': '3',
    'transaction.state.log.replication.factor': '3',
    'transaction.state.log.min.isr': '2',
    'min.insync.replicas': '2',
    'auto.create.topics.enable': 'true',
    'message.max.bytes': '10',
  })
})
