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

/** A consumer group as the brokers list it. */
export interface GroupListing {
  readonly groupId: string
  /** 'consumer' for consumer groups; other protocols (e.g. 'connect') are listed too. */
  readonly protocolType: string
}

/** The partitions a group member was assigned, per topic. */
export interface MemberAssignment {
  readonly topic: string
  readonly partitions: readonly number[]
}

export interface GroupMember {
  readonly memberId: string
  readonly clientId: string
  readonly clientHost: string
  /** Empty while the group rebalances, and for protocols other than 'consumer'. */
  readonly assignment: readonly MemberAssignment[]
}

export interface GroupDescription {
  readonly groupId: string
  /** The broker's group state: 'Stable', 'Empty', 'PreparingRebalance', 'CompletingRebalance', 'Dead'. */
  readonly state: string
  readonly protocolType: string
  /** The partition assignor the members agreed on, e.g. 'RoundRobinAssigner'. */
  readonly protocol: string
  readonly members: readonly GroupMember[]
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
  /** Every group the brokers know, sorted by id. */
  listGroups(): Promise<GroupListing[]>
  /** A group's state and members ('Dead' with no members when the group does not exist). */
  describeGroup(groupId: string): Promise<GroupDescription>
  close(): Promise<void>
}
