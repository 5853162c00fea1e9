import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { SchemaRegistry } from '../registry/schema-registry.js'
import type { BoundSerde, SerdeContext } from '../serde/serde.js'
import type { AnySerde, AnyTopic, DecodedRecord, HeaderSerdes, ProduceRecord } from './define-topic.js'

/** Kafka's default `max.message.bytes` (1 MiB + record batch overhead). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588

/** A record ready for the wire. */
export interface EncodedRecord {
  readonly key: Buffer | null
  readonly value: Buffer | null
  /** Absent when the record has none. A repeated header carries its values in order. */
  readonly headers?: { readonly [name: string]: Buffer | Buffer[] }
  readonly partition?: number
  /** ms since the epoch, as a decimal string (the wire client's convention). */
  readonly timestamp?: string
}

/** A record as it came off the wire. */
export interface RawRecord {
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly headers?:
    | { readonly [name: string]: Buffer | string | (Buffer | string)[] | undefined }
    | undefined
}

export interface TopicCodec<T extends AnyTopic> {
  readonly topic: T
  /** Validates and encodes one record; throws a KafkakitError naming the topic and the part that failed. */
  encode(record: ProduceRecord<T>): EncodedRecord
  /** Decodes and validates one record; synchronous unless a serde must first fetch an unknown schema. */
  decode(record: RawRecord): DecodedRecord<T> | Promise<DecodedRecord<T>>
}

export interface TopicCodecOptions {
  readonly registry?: SchemaRegistry | undefined
  /** Records larger than this (key + value + headers) are rejected before sending. Default 1048588. */
  readonly maxMessageBytes?: number
}

/**
 * Binds a topic's serdes (registry serdes look up or register their schemas here, once) and returns the
 * per-record encoder and decoder that producers and consumers run.
 */
export async function createTopicCodec<T extends AnyTopic>(
  topic: T,
  options: TopicCodecOptions = {},
): Promise<TopicCodec<T>> {
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  const context = (role: SerdeContext['role'], header?: string): SerdeContext => ({
    topic: topic.name,
    role,
    registry: options.registry,
    ...(header === undefined ? {} : { header }),
  })
  const declaredHeaders = Object.entries(topic.headers as HeaderSerdes)
  const [key, value, ...headerSerdes]: (BoundSerde<unknown> | undefined)[] = await Promise.all([
    topic.key ? (topic.key as AnySerde).bind(context('key')) : undefined,
    (topic.value as AnySerde).bind(context('value')),
    ...declaredHeaders.map(([name, serde]) => serde.bind(context('header', name))),
  ])
  // A declared header's name and its UTF-8 length, counted once here rather than per record.
  const headers = declaredHeaders.map(
    ([name], i) => [name, headerSerdes[i]!, Buffer.byteLength(name)] as const,
  )

  const fail = (error: unknown, part: string): never => {
    if (!KafkakitError.is(error)) {
      throw new KafkakitError(
        ErrorCode.SERIALIZATION,
        `Topic ${topic.name}: the ${part} serde failed unexpectedly`,
        {
          cause: error,
          details: { topic: topic.name, part },
        },
      )
    }
    throw new KafkakitError(error.code, `Topic ${topic.name}: ${error.message}`, {
      cause: error.cause,
      retriable: error.retriable,
      details: { ...error.details, topic: topic.name, part },
    })
  }
  /** One part's serde, its failure named after the part (no closure: this runs per record and part). */
  const serialize = (serde: BoundSerde<unknown>, input: unknown, part: string): Buffer => {
    try {
      return serde.serialize(input)
    } catch (error) {
      return fail(error, part)
    }
  }
  const run = <R>(part: string, step: () => R): R => {
    try {
      return step()
    } catch (error) {
      return fail(error, part)
    }
  }

  return {
    topic,
    encode(record) {
      if (key && record.key === undefined) {
        fail(new KafkakitError(ErrorCode.VALIDATION, 'Invalid key: missing; the topic declares a key'), 'key')
      }
      const encodedKey = key ? serialize(key, record.key, 'key') : null
      if (record.value === null && !topic.tombstones) {
        fail(
          new KafkakitError(
            ErrorCode.VALIDATION,
            'Invalid value: null (a tombstone) is not allowed; declare the topic with tombstones: true',
          ),
          'value',
        )
      }
      const encodedValue = record.value === null ? null : serialize(value!, record.value, 'value')
      // Created on the first header: most records carry none.
      let encodedHeaders: { [name: string]: Buffer | Buffer[] } | undefined
      // Bytes as they go on the wire: header names are UTF-8 (Buffer.byteLength, not String.length).
      let size = (encodedKey?.length ?? 0) + (encodedValue?.length ?? 0)
      if (record.rawHeaders) {
        for (const [name, raw] of Object.entries(record.rawHeaders)) {
          if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
            const buffer = typeof raw === 'string' ? Buffer.from(raw) : raw
            encodedHeaders ??= {}
            encodedHeaders[name] = buffer
            size += Buffer.byteLength(name) + buffer.length
          } else {
            const buffers = (raw as readonly (string | Buffer)[]).map((v) =>
              typeof v === 'string' ? Buffer.from(v) : v,
            )
            encodedHeaders ??= {}
            encodedHeaders[name] = buffers
            const nameBytes = Buffer.byteLength(name)
            for (const buffer of buffers) size += nameBytes + buffer.length
          }
        }
      }
      if (record.headers) {
        for (const [name, serde, nameBytes] of headers) {
          const input = record.headers[name]
          if (input === undefined) continue
          const buffer = serialize(serde, input, `header ${name}`)
          encodedHeaders ??= {}
          encodedHeaders[name] = buffer
          size += nameBytes + buffer.length
        }
      }
      if (size > maxMessageBytes) {
        fail(
          new KafkakitError(
            ErrorCode.MESSAGE_TOO_LARGE,
            `the record is ${size} bytes; the maximum is ${maxMessageBytes} (maxMessageBytes, and the topic's max.message.bytes)`,
            { details: { size, maxMessageBytes } },
          ),
          'record',
        )
      }
      const timestamp = record.timestamp instanceof Date ? record.timestamp.getTime() : record.timestamp
      // Optional parts added, not spread in (this runs once per record sent); absent parts stay absent.
      const encoded: { -readonly [K in keyof EncodedRecord]: EncodedRecord[K] } = {
        key: encodedKey,
        value: encodedValue,
      }
      if (encodedHeaders) encoded.headers = encodedHeaders
      if (record.partition !== undefined) encoded.partition = record.partition
      if (timestamp !== undefined) encoded.timestamp = String(timestamp)
      return encoded
    },
    decode(record) {
      const rawHeaders = normalizeHeaders(record.headers)
      const decodedKey = decodePart(key, record.key, 'key', topic.key === undefined, fail)
      const decodedValue =
        record.value === null && topic.tombstones
          ? null
          : decodePart(value, record.value, 'value', false, fail)
      // The common case: no declared headers, nothing asynchronous.
      if (headers.length === 0 && !(decodedKey instanceof Promise) && !(decodedValue instanceof Promise))
        return { key: decodedKey, value: decodedValue, headers: noHeaders, rawHeaders } as DecodedRecord<T>
      const parts: unknown[] = [decodedKey, decodedValue]
      for (const [name, serde] of headers) {
        const raw = rawHeaders[name]
        const last = Array.isArray(raw) ? raw[raw.length - 1] : raw
        parts.push(last === undefined ? undefined : run(`header ${name}`, () => serde.deserialize(last)))
      }
      const build = (values: unknown[]) => {
        const decodedHeaders: Record<string, unknown> = {}
        headers.forEach(([name], i) => {
          if (values[i + 2] !== undefined) decodedHeaders[name] = values[i + 2]
        })
        return { key: values[0], value: values[1], headers: decodedHeaders, rawHeaders } as DecodedRecord<T>
      }
      if (!parts.some((part) => part instanceof Promise)) return build(parts)
      return Promise.all(
        parts.map((part, i) =>
          part instanceof Promise
            ? part.catch((error) =>
                fail(error, i === 0 ? 'key' : i === 1 ? 'value' : `header ${headers[i - 2]![0]}`),
              )
            : part,
        ),
      ).then(build)
    },
  }
}

function decodePart(
  serde: BoundSerde<unknown> | undefined,
  data: Buffer | null,
  part: 'key' | 'value',
  passThrough: boolean,
  fail: (error: unknown, part: string) => never,
): unknown {
  if (passThrough || !serde) return data
  if (data === null) {
    return fail(
      new KafkakitError(ErrorCode.DESERIALIZATION, `Invalid ${part}: null, but the topic declares a ${part}`),
      part,
    )
  }
  try {
    return serde.deserialize(data)
  } catch (error) {
    return fail(error, part)
  }
}

const noHeaders = Object.freeze({})

function normalizeHeaders(headers: RawRecord['headers']): DecodedRecord<AnyTopic>['rawHeaders'] {
  if (!headers) return noHeaders
  let out: Record<string, Buffer | Buffer[] | undefined> | undefined
  for (const name in headers) {
    const raw = headers[name]
    out ??= {}
    out[name] = Array.isArray(raw) ? raw.map(toBuffer) : raw === undefined ? undefined : toBuffer(raw)
  }
  return out ?? noHeaders
}

function toBuffer(value: Buffer | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value) : value
}
