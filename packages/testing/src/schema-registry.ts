import type { KafkaMode } from './kafka-cluster.js'

/** A running schema registry with a Confluent-compatible API. Stop it with `stop()` or `await using`. */
export interface SchemaRegistry extends AsyncDisposable {
  readonly mode: KafkaMode
  /** The Confluent-compatible base URL, e.g. `http://127.0.0.1:40111/apis/ccompat/v7`: the `host` for `@kafkajs/confluent-schema-registry`. */
  readonly url: string
  /** The Apicurio Registry version that runs, when kafkakit started it. */
  readonly version: string | undefined
  /** The registry's log (local mode). */
  readonly logFile: string | undefined
  stop(): Promise<void>
}
