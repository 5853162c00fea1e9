import type {} from 'vitest'
import type { TestProject } from 'vitest/node'
import type { KafkaCluster } from './kafka-cluster.js'
import { startKafka } from './start-kafka.js'
import type { StartKafkaOptions } from './start-kafka-options.js'

/** What the global setup hands to every test: `inject('kafkakit')`. */
export interface KafkakitTestEnvironment {
  readonly bootstrapServers: string
  readonly kafkaVersion: string | undefined
}

declare module 'vitest' {
  export interface ProvidedContext {
    kafkakit: KafkakitTestEnvironment
  }
}

export interface KafkakitGlobalSetupOptions {
  readonly kafka?: StartKafkaOptions
}

interface Shared {
  users: number
  kafka: Promise<KafkaCluster> | undefined
}

/** One set of services per process, however many vitest projects (or copies of this module) ask for it. */
function shared(): Shared {
  const key = Symbol.for('kafkakit.testing.globalSetup')
  const holder = globalThis as unknown as Record<symbol, Shared | undefined>
  holder[key] ??= { users: 0, kafka: undefined }
  return holder[key]
}

/**
 * A vitest global setup that starts one Kafka cluster for the whole run (shared by every project that
 * uses it), provides `inject('kafkakit')` to the tests, and sets KAFKA_BOOTSTRAP_SERVERS for the test
 * workers and the processes they start. In a setup file: `export default kafkakitGlobalSetup()`.
 */
export function kafkakitGlobalSetup(options: KafkakitGlobalSetupOptions = {}) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const state = shared()
    state.users += 1
    const started = Date.now()
    const first = state.kafka === undefined
    state.kafka ??= startKafka(options.kafka)
    const cluster = await state.kafka
    if (first) {
      console.info(
        `[kafkakit] Kafka ${cluster.kafkaVersion ?? ''} (${cluster.mode}, ${cluster.nodes.length} node) ready at ${
          cluster.bootstrapServers
        } in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
    }
    process.env.KAFKA_BOOTSTRAP_SERVERS = cluster.bootstrapServers
    project.provide('kafkakit', {
      bootstrapServers: cluster.bootstrapServers,
      kafkaVersion: cluster.kafkaVersion,
    })
    return async () => {
      state.users -= 1
      if (state.users > 0) return
      state.kafka = undefined
      await cluster.stop()
    }
  }
}
