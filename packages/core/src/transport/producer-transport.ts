/** The wire-level producer that @kafkakit/producer drives; kafkajs today, another client later. */

import type { AbortOptions } from '../lifecycle/abort-options.js'
import type { TopicPartitionOffset } from '../topic/topic-partition-offset.js'

/** One encoded record with its partition already chosen. */
export interface TransportRecord {
  readonly key: Buffer | null
  readonly value: Buffer | null
  /** Absent when there are none. Repeated header names carry several values, in order. */
  readonly headers?: { readonly [name: string]: Buffer | readonly Buffer[] }
  readonly partition: number
  /** ms since the epoch as a decimal string. */
  readonly timestamp?: string | undefined
}

export interface TopicRecords {
  readonly topic: string
  readonly records: readonly TransportRecord[]
}

/** The broker's answer for one partition of a send: the offset of its first record. */
export interface PartitionAck {
  readonly topic: string
  readonly partition: number
  /** Offset of the partition's first record in this send, as a decimal string; '-1' with acks=0. */
  readonly baseOffset: string
}

export type Acks = -1 | 0 | 1
export type Compression = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'

export interface ProducerTransportOptions {
  readonly idempotent: boolean
  readonly acks: Acks
  readonly compression: Compression
  /** How long the broker may wait for replication (acks=all) before answering, in ms. */
  readonly ackTimeoutMs: number
  /** The producer releases lingering sends together: the sends of one tick share a request. */
  readonly lingering?: boolean
  /** Set for a transactional producer. */
  readonly transactionalId?: string | undefined
  readonly transactionTimeoutMs?: number | undefined
}

declare const groupMetadataBrand: unique symbol

/**
 * A consumer's group membership as of one moment: made by a ConsumerTransport, understood by a
 * ProducerTransport of the same transport. Opaque to kafkakit.
 */
export interface GroupMetadata {
  readonly groupId: string
  readonly [groupMetadataBrand]: true
}

export interface TransportTransaction {
  send(batches: readonly TopicRecords[]): Promise<PartitionAck[]>
  /**
   * Commits the group's positions with the transaction: each the next offset to consume (last processed
   * + 1). With `group` (the consumer's membership, KIP-447) the broker refuses the commit of a member that
   * is no longer current; a transport without `transactionalGroupMetadata` rejects `group` with
   * KAFKAKIT_UNSUPPORTED.
   */
  sendOffsets(groupId: string, offsets: readonly TopicPartitionOffset[], group?: GroupMetadata): Promise<void>
  commit(): Promise<void>
  abort(): Promise<void>
}

export interface ProducerTransport {
  /**
   * Connects, once for every caller waiting. A caller's abort ends its own wait (KAFKAKIT_ABORTED); when
   * every waiting caller aborted, the attempt is abandoned and whatever it connects is disconnected.
   */
  connect(options?: AbortOptions): Promise<void>
  /** The topic's partition count (cached; `refresh` reloads it). KAFKAKIT_UNKNOWN_TOPIC when there is no such topic. */
  partitionCount(topic: string, refresh?: boolean): Promise<number>
  /**
   * Sends records whose partitions are set. Resolves only when every partition of the input was
   * acknowledged (with acks 1 or all); rejects with a KafkakitError otherwise.
   */
  send(batches: readonly TopicRecords[]): Promise<PartitionAck[]>
  /** Begins a transaction (transactional transports only); `signal` ends the wait for the connection. */
  transaction(options?: AbortOptions): Promise<TransportTransaction>
  /**
   * Replaces the underlying client producer with a new, connected one: after an ambiguous failure its
   * state (sequence numbers, transaction state) cannot be trusted. A transactional producer re-initialises,
   * which fences the old one and completes or aborts its open transaction.
   */
  reset(): Promise<void>
  /**
   * Disconnects for good (a connection being made is disconnected once made) and waits until nothing is
   * connected; later connects reject with KAFKAKIT_STOPPED.
   */
  disconnect(): Promise<void>
}
