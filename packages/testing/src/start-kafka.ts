import { KafkakitError } from '@kafkakit/core'
import { bootstrapFromEnv } from '@kafkakit/core/internal'
import { chooseMode } from './choose-mode.js'
import { probeContainerRuntime } from './container/probe-container-runtime.js'
import type { KafkaCluster } from './kafka-cluster.js'
import { startLocalKafka } from './local/start-local-kafka.js'
import { startExternalKafka } from './start-external-kafka.js'
import { resolveStartKafkaOptions, type StartKafkaOptions } from './start-kafka-options.js'
import { withPassedOver } from './with-passed-over.js'

/**
 * Starts (or, in external mode, connects to) a real Apache Kafka cluster and resolves once every broker
 * is registered. `auto` (the default) uses KAFKA_BOOTSTRAP_SERVERS when set and one node is asked for,
 * else testcontainers when a container runtime is found, else the local JVM.
 */
export async function startKafka(options: StartKafkaOptions = {}): Promise<KafkaCluster> {
  const resolved = resolveStartKafkaOptions(options)
  const choice = await chooseMode(resolved.mode, {
    externalVariable: 'KAFKA_BOOTSTRAP_SERVERS',
    externalAvailable: resolved.nodes === 1 && bootstrapFromEnv() !== undefined,
    probeContainerRuntime,
  })
  try {
    switch (choice.mode) {
      case 'external':
        return await startExternalKafka(resolved)
      case 'container': {
        const { startContainerKafka } = await import('./container/start-container-kafka.js')
        return await startContainerKafka(resolved)
      }
      case 'local':
        return await startLocalKafka(resolved)
    }
  } catch (error) {
    throw KafkakitError.is(error) ? withPassedOver(error, choice.passedOver) : error
  }
}
