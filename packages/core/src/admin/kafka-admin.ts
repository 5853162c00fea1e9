import type { AbortOptions } from '../lifecycle/abort-options.js'
import type { TopicPartitionOffset } from '../topic/topic-partition-offset.js'

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

/**
 * Administrative operations on a cluster, independent of the Kafka client library underneath. Every call
 * takes `{ signal }`: an abort rejects it with KAFKAKIT_ABORTED at once, though a request already sent
 * runs to its end on the broker (a topic being created is still created).
 */
export interface KafkaAdmin extends AsyncDisposable {
  describeCluster(options?: AbortOptions): Promise<ClusterDescription>
  listTopics(options?: AbortOptions): Promise<string[]>
  /** Creates the topics and waits until their leaders are elected. Existing topics are left as they are. */
  createTopics(topics: readonly TopicSpec[], options?: AbortOptions): Promise<void>
  deleteTopics(names: readonly string[], options?: AbortOptions): Promise<void>
  describeTopics(names: readonly string[], options?: AbortOptions): Promise<TopicDescription[]>
  /**
   * The group's committed offsets for every partition of `topics`: the next offset to read, '-1' where
   * the group has committed nothing.
   */
  committedOffsets(
    groupId: string,
    topics: readonly string[],
    options?: AbortOptions,
  ): Promise<TopicPartitionOffset[]>
  /** Each partition's last stable offset: where a read_committed consumer ends (the log end when no transaction is open). */
  endOffsets(topic: string, options?: AbortOptions): Promise<TopicPartitionOffset[]>
  /** Every group the brokers know, sorted by id. */
  listGroups(options?: AbortOptions): Promise<GroupListing[]>
  /** A group's state and members ('Dead' with no members when the group does not exist). */
  describeGroup(groupId: string, options?: AbortOptions): Promise<GroupDescription>
  /**
   * Disconnects. Idempotent; `[Symbol.asyncDispose]` calls it; later calls reject with KAFKAKIT_STOPPED.
   * An abort of `signal` stops the wait for the disconnect (which goes on) with KAFKAKIT_ABORTED.
   */
  stop(options?: AbortOptions): Promise<void>
}
