import type { SchemaRegistry } from '../registry/schema-registry.js'

/** Which part of a record a serde handles. */
export type SerdeRole = 'key' | 'value' | 'header'

/** Where a serde is used; given once, when the serde is bound to a topic. */
export interface SerdeContext {
  readonly topic: string
  readonly role: SerdeRole
  /** The header name, for header serdes. */
  readonly header?: string
  /** The client's schema registry, for registry-backed serdes. */
  readonly registry?: SchemaRegistry | undefined
}

/** A serde bound to one topic and role: the per-message hot path. */
export interface BoundSerde<In, Out = In> {
  /** Validates and encodes; throws a KafkakitError (VALIDATION or SERIALIZATION). */
  serialize(value: In): Buffer
  /** Decodes and validates; synchronous unless it must first fetch an unknown schema. */
  deserialize(data: Buffer): Out | Promise<Out>
}

/**
 * Turns values of one type into bytes and back. `In` is what producers pass, `Out` what consumers get
 * (they differ when a schema has defaults or transforms).
 */
export interface Serde<In, Out = In> {
  /** A short description for messages and generated docs, e.g. `json`, `avro Order`. */
  readonly kind: string
  /** Prepares the serde for one topic and role (registry serdes look up or register their schema here). */
  bind(context: SerdeContext): BoundSerde<In, Out> | Promise<BoundSerde<In, Out>>
}

// biome-ignore lint/suspicious/noExplicitAny: inference positions only
export type SerdeInput<S> = S extends Serde<infer In, any> ? In : never
// biome-ignore lint/suspicious/noExplicitAny: inference positions only
export type SerdeOutput<S> = S extends Serde<any, infer Out> ? Out : never
