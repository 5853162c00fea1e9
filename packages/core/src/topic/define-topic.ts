import type { Serde, SerdeInput, SerdeOutput } from '../serde/serde.js'
import { checkTopicName } from './topic-name.js'

// biome-ignore lint/suspicious/noExplicitAny: the widest serde, for constraints only
export type AnySerde = Serde<any, any>
export type HeaderSerdes = { readonly [name: string]: AnySerde }

/** A topic declared once: its name and the serdes of its key, value and headers. */
export interface Topic<
  Name extends string = string,
  Key extends AnySerde | undefined = AnySerde | undefined,
  Value extends AnySerde = AnySerde,
  Headers extends HeaderSerdes = HeaderSerdes,
  Tombstones extends boolean = boolean,
> {
  readonly name: Name
  /** The key's serde; undefined for a topic whose records are not keyed by the application. */
  readonly key: Key
  readonly value: Value
  readonly headers: Headers
  /** Whether a null value (a tombstone, which deletes the key in a compacted topic) may be produced. */
  readonly tombstones: Tombstones
}

// biome-ignore lint/suspicious/noExplicitAny: matches every topic
export type AnyTopic = Topic<string, any, any, any, any>

export interface TopicDefinition<
  Name extends string,
  Key extends AnySerde | undefined,
  Value extends AnySerde,
  Headers extends HeaderSerdes,
  Tombstones extends true | undefined,
> {
  readonly name: Name
  readonly key?: Key
  readonly value: Value
  readonly headers?: Headers
  /** `true` allows null values (tombstones). Default: a null value is rejected before it is sent. */
  readonly tombstones?: Tombstones
}

/**
 * Declares a topic. Its name is checked against Kafka's rules now; its serdes give every producer,
 * consumer and test their types and checks.
 *
 * ```ts
 * const userEvents = defineTopic({ name: 'events_topic', key: string(), value: json(UserEvent) })
 * ```
 */
export function defineTopic<
  const Name extends string,
  Value extends AnySerde,
  Key extends AnySerde | undefined = undefined,
  // biome-ignore lint/complexity/noBannedTypes: no declared headers
  Headers extends HeaderSerdes = {},
  Tombstones extends true | undefined = undefined,
>(
  definition: TopicDefinition<Name, Key, Value, Headers, Tombstones>,
): Topic<Name, Key, Value, Headers, Tombstones extends true ? true : false> {
  checkTopicName(definition.name)
  return Object.freeze({
    name: definition.name,
    key: definition.key as Key,
    value: definition.value,
    headers: Object.freeze({ ...(definition.headers ?? {}) }) as Headers,
    tombstones: (definition.tombstones === true) as Tombstones extends true ? true : false,
  })
}

/** What a producer passes as the key: the key serde's input, or nothing for an unkeyed topic. */
export type KeyInput<T extends AnyTopic> = T['key'] extends AnySerde ? SerdeInput<T['key']> : undefined
/** What a consumer gets as the key: the key serde's output, or the raw bytes (if any) for an unkeyed topic. */
export type KeyOutput<T extends AnyTopic> = T['key'] extends AnySerde ? SerdeOutput<T['key']> : Buffer | null
export type ValueInput<T extends AnyTopic> =
  | SerdeInput<T['value']>
  | (T['tombstones'] extends true ? null : never)
export type ValueOutput<T extends AnyTopic> =
  | SerdeOutput<T['value']>
  | (T['tombstones'] extends true ? null : never)
export type HeadersInput<T extends AnyTopic> = {
  readonly [H in keyof T['headers']]?: SerdeInput<T['headers'][H]>
}
export type HeadersOutput<T extends AnyTopic> = {
  readonly [H in keyof T['headers']]?: SerdeOutput<T['headers'][H]>
}

/** One record to produce to topic `T`, type-checked against its declaration. */
export type ProduceRecord<T extends AnyTopic> = {
  readonly value: ValueInput<T>
  /** The declared headers, encoded by their serdes. */
  readonly headers?: HeadersInput<T>
  /** Further headers sent as they are; an array sends the header once per value, in order. */
  readonly rawHeaders?: { readonly [name: string]: string | Buffer | readonly (string | Buffer)[] }
  /** An explicit partition; default: chosen by the partitioner from the key. */
  readonly partition?: number
  /** Record timestamp (ms since the epoch, or a Date); default: the producer's clock. */
  readonly timestamp?: number | Date
} & (KeyInput<T> extends undefined ? { readonly key?: undefined } : { readonly key: KeyInput<T> })

/** A record of topic `T` as a consumer sees it, decoded and validated. */
export interface DecodedRecord<T extends AnyTopic> {
  readonly key: KeyOutput<T>
  readonly value: ValueOutput<T>
  readonly headers: HeadersOutput<T>
  /** Every header as received, undecoded (repeated names give an array). */
  readonly rawHeaders: { readonly [name: string]: Buffer | Buffer[] | undefined }
}
