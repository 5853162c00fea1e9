export interface BrokerListeners {
  /** `listeners`, including the CONTROLLER listener. */
  readonly listeners: string
  readonly advertisedListeners: string
  readonly interBrokerListenerName: string
  readonly securityProtocolMap: string
}

export type BrokerConfig = Readonly<Record<string, string | number | boolean>>

/**
 * The settings of one combined broker+controller KRaft node in a cluster of `clusterSize` nodes
 * (design §5): static `voters`, internal topics replicated to every node up to 3 with min ISR one less,
 * topic auto-creation off (tests create their topics), then the caller's `overrides`.
 */
export function brokerSettings(
  nodeId: number,
  voters: string,
  listeners: BrokerListeners,
  clusterSize: number,
  overrides: BrokerConfig,
): Record<string, string> {
  const replication = Math.min(clusterSize, 3)
  const minIsr = Math.max(1, replication - 1)
  const settings: BrokerConfig = {
    'process.roles': 'broker,controller',
    'node.id': nodeId,
    'controller.quorum.voters': voters,
    listeners: listeners.listeners,
    'advertised.listeners': listeners.advertisedListeners,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': listeners.interBrokerListenerName,
    'listener.security.protocol.map': listeners.securityProtocolMap,
    'num.partitions': 1,
    'default.replication.factor': replication,
    'min.insync.replicas': minIsr,
    'offsets.topic.replication.factor': replication,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': replication,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': 10,
    'share.coordinator.state.topic.replication.factor': replication,
    'share.coordinator.state.topic.min.isr': minIsr,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
    ...overrides,
  }
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)]))
}
