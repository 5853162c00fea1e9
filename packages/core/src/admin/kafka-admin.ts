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

/** A partition's position: a committed group offset, or a log end offset. */
export interface PartitionOffset {
  readonly topic: string
  readonly partition: number
  /** The next offset to read, as a decimal string; '-1' when the group has committed nothing there. */
  readonly offset: string
}

/** Administrative operations on a cluster, independent of the Kafka client library underneath. */
export interface KafkaAdmin extends AsyncDisposable {
  describeCluster(): Promise<ClusterDescription>
  listTopics(): Promise<string[]>
  /** Creates the topics and waits until their leaders are elected. Existing topics are left as they are. */
  createTopics(topics: readonly TopicSpec[]): Promise<void>
  deleteTopics(names: readonly string[]): Promise<void>
  describeTopics(names: readonly string[]): Promise<TopicDescription[]>
  /** The group's committed offsets for every partition of `topics`. */
  committedOffsets(groupId: string, topics: readonly string[]): Promise<PartitionOffset[]>
  /** Each partition's last stable offset: where a read_committed consumer ends (the log end when no transaction is open). */
  endOffsets(topic: string): Promise<PartitionOffset[]>
  close(): Promise<void>
}
