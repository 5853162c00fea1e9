import type { AnyTopic, DecodedRecord, HeadersOutput, KeyOutput, ValueOutput } from '@kafkakit/core'

/**
 * A record as a handler sees it: decoded and validated, with where it came from. With several topics the
 * type is a union that narrows on `message.topic`.
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
      /** 1 on the first try, 2 on the first retry, ... */
      readonly attempt: number
      /** commit: 'manual' only: commits this record's offset (and those before it in its partition). */
      commit(): Promise<void>
    }
  : never
