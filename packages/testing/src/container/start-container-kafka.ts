import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { brokerSettings } from '../broker-settings.js'
import { freePorts } from '../free-ports.js'
import type { KafkaCluster, KafkaNode } from '../kafka-cluster.js'
import { randomClusterId } from '../random-cluster-id.js'
import type { ResolvedStartKafkaOptions } from '../start-kafka-options.js'
import { waitForBrokers } from '../wait-for-brokers.js'
import { loadTestcontainers } from './load-testcontainers.js'

const controllerPort = 9093
const interBrokerPort = 9094

/**
 * Starts Apache Kafka (the official apache/kafka image, or `containerImage`) through testcontainers:
 * one node, or three on a private network. Each node's client port is bound to the same port on the host,
 * so the advertised `localhost:<port>` works from the host without a second configuration pass.
 */
export async function startContainerKafka(options: ResolvedStartKafkaOptions): Promise<KafkaCluster> {
  const { GenericContainer, Network, getContainerRuntimeClient } = await loadTestcontainers()
  const runtime = await getContainerRuntimeClient()
  const image = options.containerImage ?? `apache/kafka:${options.kafkaVersion}`
  const ports = await freePorts(options.nodes)
  const ids = ports.map((_, i) => i + 1)
  const alias = (id: number) => `kafka-${id}`
  const voters = ids.map((id) => `${id}@${alias(id)}:${controllerPort}`).join(',')
  const network = await new Network().start()
  const clusterId = randomClusterId()

  const definitions = ids.map((id, i) => {
    const port = ports[i]!
    const settings = brokerSettings(
      id,
      voters,
      {
        listeners: `PLAINTEXT://0.0.0.0:${port},BROKER://0.0.0.0:${interBrokerPort},CONTROLLER://0.0.0.0:${controllerPort}`,
        advertisedListeners: `PLAINTEXT://localhost:${port},BROKER://${alias(id)}:${interBrokerPort}`,
        interBrokerListenerName: 'BROKER',
        securityProtocolMap: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT',
      },
      ids.length,
      options.brokerConfig,
    )
    const environment = Object.fromEntries(
      Object.entries(settings).map(([key, value]) => [
        `KAFKA_${key.toUpperCase().replace(/[.-]/g, '_')}`,
        value,
      ]),
    )
    return new GenericContainer(image)
      .withNetwork(network)
      .withNetworkAliases(alias(id))
      .withExposedPorts({ container: port, host: port })
      .withEnvironment({ ...environment, CLUSTER_ID: clusterId })
      .withStartupTimeout(options.startTimeoutMs)
  })

  const started = await Promise.all(definitions.map((d) => d.start())).catch((error) => {
    throw new KafkakitError(
      ErrorCode.START_FAILED,
      `The Kafka container (${image}) failed to start: ${error.message}`,
      {
        cause: error,
      },
    )
  })
  const brokers = ports.map((port) => `localhost:${port}`)
  const stop = async () => {
    await Promise.all(started.map((c) => c.stop()))
    await network.stop()
  }
  try {
    await waitForBrokers(brokers, ids, { timeoutMs: options.startTimeoutMs, signal: options.signal })
  } catch (error) {
    await stop()
    throw error
  }

  const nodes: KafkaNode[] = started.map((container, i) => {
    const handle = () => runtime.container.getById(container.getId())
    return {
      nodeId: ids[i]!,
      address: brokers[i]!,
      kill: async () => {
        await handle().kill()
      },
      pause: async () => {
        await handle().pause()
      },
      resume: async () => {
        await handle().unpause()
      },
      restart: async () => {
        await container.restart()
        await waitForBrokers(brokers, [ids[i]!], {
          timeoutMs: options.startTimeoutMs,
          signal: options.signal,
        })
      },
    }
  })
  let stopped: Promise<void> | undefined
  const stopOnce = () => {
    stopped ??= stop()
    return stopped
  }
  return {
    mode: 'container',
    bootstrapServers: brokers.join(','),
    brokers,
    kafkaVersion: options.containerImage ? undefined : options.kafkaVersion,
    nodes,
    logDir: undefined,
    stop: stopOnce,
    [Symbol.asyncDispose]: stopOnce,
  }
}
