import type {
  AnyTopic,
  DecodedRecord,
  HeadersOutput,
  KeyOutput,
  ProduceRecord,
  TopicPartitionOffset,
  ValueOutput,
} from '@kafkakit/core'

/**
 * A record as a handler sees it: decoded and validated, with where it came from. With several topics the
 * type is a union that narrows on `message.topic`. A record redelivered from a retry topic keeps its
 * original topic, partition and offset.
 */
export type ConsumedMessage<T extends AnyTopic> = T extends AnyTopic
  ? {
      readonly topic: T['name']
      readonly partition: number
      /** Its offset, as a decimal string. */
      readonly offset: string
      readonly timestamp: Date
      readonly key: KeyOutput<T>
      readonly value: ValueOutput<T>
      readonly headers: HeadersOutput<T>
      readonly rawHeaders: DecodedRecord<T>['rawHeaders']
      /** 1 on the first try, 2 on the first retry, ... (counted across retry topics). */
      readonly attempt: number
    }
  : never

/**
 * A record as the handler of a `commit: 'manual'` consumer sees it: a {@link ConsumedMessage} that it
 * commits itself. (Only in that mode does a message have `commit()`.)
 */
export type ManualCommitMessage<T extends AnyTopic> = ConsumedMessage<T> & {
  /**
   * Commits this record's offset (and those before it in its partition), now. Rejects with
   * KAFKAKIT_REBALANCE when the group rebalanced and the partition is no longer this member's: the
   * record is delivered again to its owner, so let the handler return (or rethrow).
   */
  commit(): Promise<void>
}

/** What every handler gets besides the record. */
export interface HandlerContext {
  /** Aborted when stop() has waited shutdownTimeoutMs for the handler: give up and return. */
  readonly signal: AbortSignal
}

/** An exactly-once handler's context: what it sends commits or aborts together with the consumed offset. */
export interface TransactionContext extends HandlerContext {
  /** Sends one record in the record's transaction; resolves to where it landed. */
  send<T extends AnyTopic>(topic: T, record: ProduceRecord<T>): Promise<TopicPartitionOffset>
  /** Sends several records in the record's transaction; resolves to each one's position, in input order. */
  send<T extends AnyTopic>(topic: T, records: readonly ProduceRecord<T>[]): Promise<TopicPartitionOffset[]>
}
