export interface BrokerDescription {
  readonly nodeId: number
  readonly host: string
  readonly port: number
}

export interface ClusterDescription {
  readonly clusterId: string
  readonly controllerId: number | null
  readonly brokers: readonly BrokerDescription[]
}

export interface TopicSpec {
  readonly name: string
  /** Default: the broker's `num.partitions`. */
  readonly partitions?: number
  /** Default: the broker's `default.replication.factor`. */
  readonly replicationFactor?: number
  /** Topic configs such as `{ 'min.insync.replicas': '2' }`. */
  readonly configs?: Readonly<Record<string, string>>
}

export interface PartitionDescription {
  readonly partition: number
  readonly leader: number
  readonly replicas: readonly number[]
  readonly isr: readonly number[]
}

export interface TopicDescription {
  readonly name: string
  readonly partitions: readonly PartitionDescription[]
}

/** Administrative operations on a cluster, independent of the Kafka client library underneath. */
export interface KafkaAdmin extends AsyncDisposable {
  describeCluster(): Promise<ClusterDescription>
  listTopics(): Promise<string[]>
  /** Creates the topics and waits until their leaders are elected. Existing topics are left as they are. */
  createTopics(topics: readonly TopicSpec[]): Promise<void>
  deleteTopics(names: readonly string[]): Promise<void>
  describeTopics(names: readonly string[]): Promise<TopicDescription[]>
  close(): Promise<void>
}
