import type {} from 'vitest'
import type { TestProject } from 'vitest/node'
import type { KafkaCluster } from './kafka-cluster.js'
import type { SchemaRegistry } from './schema-registry.js'
import { startKafka } from './start-kafka.js'
import type { StartKafkaOptions } from './start-kafka-options.js'
import { startSchemaRegistry } from './start-schema-registry.js'
import type { StartSchemaRegistryOptions } from './start-schema-registry-options.js'

/** What the global setup hands to every test: `inject('kafkakit')`. */
export interface KafkakitTestEnvironment {
  readonly bootstrapServers: string
  readonly kafkaVersion: string | undefined
  /** The Confluent-compatible registry URL, when the project asked for a registry. */
  readonly schemaRegistryUrl: string | undefined
}

declare module 'vitest' {
  export interface ProvidedContext {
    kafkakit: KafkakitTestEnvironment
  }
}

export interface KafkakitGlobalSetupOptions {
  readonly kafka?: StartKafkaOptions
  /** Also start a schema registry (true, or its options). Default: no registry. */
  readonly schemaRegistry?: boolean | StartSchemaRegistryOptions
}

interface Shared {
  users: number
  kafka: Promise<KafkaCluster> | undefined
  registry: Promise<SchemaRegistry> | undefined
}

/** One set of services per process, however many vitest projects (or copies of this module) ask for it. */
function shared(): Shared {
  const key = Symbol.for('kafkakit.testing.globalSetup')
  const holder = globalThis as unknown as Record<symbol, Shared | undefined>
  holder[key] ??= { users: 0, kafka: undefined, registry: undefined }
  return holder[key]
}

/**
 * A vitest global setup that starts one Kafka cluster for the whole run (shared by every project that
 * uses it) and, for projects that ask, one schema registry; provides `inject('kafkakit')` to the tests,
 * and sets KAFKA_BOOTSTRAP_SERVERS (and SCHEMA_REGISTRY_URL) for the test workers and the processes they
 * start. In a setup file: `export default kafkakitGlobalSetup({ schemaRegistry: true })`.
 */
export function kafkakitGlobalSetup(options: KafkakitGlobalSetupOptions = {}) {
  return async function setup(project: TestProject): Promise<() => Promise<void>> {
    const state = shared()
    state.users += 1
    state.kafka ??= announce(
      startKafka(options.kafka),
      (c) => `Kafka ${c.kafkaVersion ?? ''} (${c.mode}, ${c.nodes.length} node)`,
      (c) => c.bootstrapServers,
    )
    if (options.schemaRegistry) {
      const registryOptions = options.schemaRegistry === true ? {} : options.schemaRegistry
      state.registry ??= announce(
        startSchemaRegistry(registryOptions),
        (r) => `Apicurio Registry ${r.version ?? ''} (${r.mode})`,
        (r) => r.url,
      )
    }
    const cluster = await state.kafka
    const registry = options.schemaRegistry ? await state.registry : undefined
    process.env.KAFKA_BOOTSTRAP_SERVERS = cluster.bootstrapServers
    if (registry) process.env.SCHEMA_REGISTRY_URL = registry.url
    project.provide('kafkakit', {
      bootstrapServers: cluster.bootstrapServers,
      kafkaVersion: cluster.kafkaVersion,
      schemaRegistryUrl: registry?.url,
    })
    return async () => {
      state.users -= 1
      if (state.users > 0) return
      const { kafka, registry: anyRegistry } = state
      state.kafka = undefined
      state.registry = undefined
      await Promise.all([kafka?.then((k) => k.stop()), anyRegistry?.then((r) => r.stop())])
    }
  }
}

/** Logs how long a service took to become ready (the first start of a run includes any download). */
async function announce<T>(start: Promise<T>, name: (t: T) => string, address: (t: T) => string): Promise<T> {
  const started = Date.now()
  const service = await start
  console.info(
    `[kafkakit] ${name(service)} ready at ${address(service)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  return service
}
