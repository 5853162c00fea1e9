/** The wire-level consumer that @kafkakit/consumer drives; kafkajs today. */

/** One record as fetched, undecoded. */
export interface IncomingRecord {
  readonly topic: string
  readonly partition: number
  /** Its offset, as a decimal string. */
  readonly offset: string
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers: { readonly [name: string]: Buffer | string | (Buffer | string)[] | undefined }
  /** ms since the epoch, as a decimal string. */
  readonly timestamp: string
}

/** Records of one partition, fetched together; processed in order. */
export interface PartitionBatch {
  readonly topic: string
  readonly partition: number
  readonly records: readonly IncomingRecord[]
  /** False once the consumer is stopping or the partition is no longer owned: stop processing the batch. */
  isActive(): boolean
  /**
   * True while the partition is assigned to this member (and was not sought elsewhere): what the batch
   * processed may be marked. Stays true while the consumer stops, so finished records are committed.
   */
  isOwned(): boolean
  heartbeat(): Promise<void>
  /** Marks `offset` processed: fetching goes on after it, and with autoCommit the next commit moves past it. */
  markProcessed(offset: string): void
  /**
   * Commits this partition's position as just after `offset`, now. Rejects with KAFKAKIT_REBALANCE when
   * the partition is no longer owned (see isOwned) or the broker says the group moved on.
   */
  commit(offset: string): Promise<void>
  /**
   * Starts committing what is marked processed if autoCommitIntervalMs or autoCommitEveryRecords says it
   * is time, without waiting for it (one commit in flight at a time; the batch ends only after it).
   */
  commitIfDue(): void
}

export interface ConsumerTransportOptions {
  readonly groupId: string
  readonly sessionTimeoutMs: number
  readonly heartbeatIntervalMs: number
  readonly rebalanceTimeoutMs: number
  readonly readCommitted: boolean
  /** How long the broker may hold a fetch open when there is nothing new, in ms (also bounds stop()). */
  readonly fetchMaxWaitMs: number
  /** Commit what is marked processed at the end of every batch (and every autoCommitIntervalMs). */
  readonly autoCommit: boolean
  readonly autoCommitIntervalMs: number | undefined
  /** With autoCommit: also commit once this many records are marked processed. */
  readonly autoCommitEveryRecords: number | undefined
}

export interface ConsumerTransport {
  subscribe(topics: readonly string[], fromBeginning: boolean): Promise<void>
  /** Starts fetching; `eachBatch` runs for up to `concurrency` partitions at once. */
  run(options: {
    readonly concurrency: number
    readonly eachBatch: (batch: PartitionBatch) => Promise<void>
  }): Promise<void>
  /** Stops fetching the partition until resume(); the next fetch starts after its last processed record. */
  pause(topic: string, partition: number): void
  resume(topic: string, partition: number): void
  /** The partition's next fetch starts at `offset` (the running batch becomes inactive). */
  seek(topic: string, partition: number, offset: string): void
  /** Called after every group join (a rebalance): earlier positions may be stale. */
  onGroupJoin(listener: () => void): void
  /** Stops fetching and waits for running batches; marked offsets are committed. */
  stop(): Promise<void>
  disconnect(): Promise<void>
}
