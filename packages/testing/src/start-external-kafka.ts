import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { bootstrapFromEnv } from '@kafkakit/core/internal'
import type { KafkaCluster, KafkaNode } from './kafka-cluster.js'
import type { ResolvedStartKafkaOptions } from './start-kafka-options.js'
import { waitForBrokers } from './wait-for-brokers.js'

/** Uses the running cluster named by KAFKA_BOOTSTRAP_SERVERS; its brokers cannot be killed or restarted from here. */
export async function startExternalKafka(options: ResolvedStartKafkaOptions): Promise<KafkaCluster> {
  const brokers = bootstrapFromEnv()
  if (!brokers) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      'mode "external" needs KAFKA_BOOTSTRAP_SERVERS (comma-separated host:port list) to be set',
    )
  }
  const cluster = await waitForBrokers(brokers, options.nodes, {
    timeoutMs: Math.min(options.startTimeoutMs, 30_000),
    signal: options.signal,
  })
  const unsupported = (what: string) => async () => {
    throw new KafkakitError(
      ErrorCode.UNSUPPORTED,
      `${what} is not possible on an external cluster; use mode "local" or "container"`,
    )
  }
  const nodes: KafkaNode[] = cluster.brokers.map((b) => ({
    nodeId: b.nodeId,
    address: `${b.host}:${b.port}`,
    kill: unsupported('kill()'),
    pause: unsupported('pause()'),
    resume: unsupported('resume()'),
    restart: unsupported('restart()'),
  }))
  const stop = async () => {}
  return {
    mode: 'external',
    bootstrapServers: brokers.join(','),
    brokers,
    kafkaVersion: undefined,
    nodes,
    logDir: undefined,
    stop,
    [Symbol.asyncDispose]: stop,
  }
}
