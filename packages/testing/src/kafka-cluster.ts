/** How a cluster was provided. */
export type KafkaMode = 'external' | 'container' | 'local'

/** One broker of a started cluster, with the failure injection a reliability test needs. */
export interface KafkaNode {
  readonly nodeId: number
  /** `host:port` of this broker's client listener. */
  readonly address: string
  /** SIGKILL: the broker dies at once, without a controlled shutdown. */
  kill(): Promise<void>
  /** SIGSTOP: the broker freezes (its sessions time out) until {@link resume}. */
  pause(): Promise<void>
  /** SIGCONT after {@link pause}. */
  resume(): Promise<void>
  /** Stops the broker if it runs, starts it on the same data and ports, and waits until it is registered again. */
  restart(): Promise<void>
}

/** A running cluster. Stop it with `stop()` or `await using`. */
export interface KafkaCluster extends AsyncDisposable {
  readonly mode: KafkaMode
  /** Comma-separated `host:port` list, the format of KAFKA_BOOTSTRAP_SERVERS. */
  readonly bootstrapServers: string
  /** The same addresses as an array, as Kafka clients take them. */
  readonly brokers: readonly string[]
  /** The Apache Kafka version that runs, when kafkakit started it. */
  readonly kafkaVersion: string | undefined
  readonly nodes: readonly KafkaNode[]
  /** Where the brokers' logs are (local mode); kept after stop() when `keepLogs` is set. */
  readonly logDir: string | undefined
  stop(): Promise<void>
}
