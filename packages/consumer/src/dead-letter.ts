import { KafkakitError } from '@kafkakit/core'
import type { IncomingRecord, TransportRecord } from '@kafkakit/core/internal'

/**
 * Spring Kafka's dead-letter header names (DeadLetterPublishingRecoverer), so its tooling reads ours, and
 * kafkakit's own where Spring has none. Retry-topic records carry them too (as Spring's retry topics do).
 */
export const DeadLetterHeader = {
  ORIGINAL_TOPIC: 'kafka_dlt-original-topic',
  ORIGINAL_PARTITION: 'kafka_dlt-original-partition',
  ORIGINAL_OFFSET: 'kafka_dlt-original-offset',
  ORIGINAL_TIMESTAMP: 'kafka_dlt-original-timestamp',
  ORIGINAL_CONSUMER_GROUP: 'kafka_dlt-original-consumer-group',
  EXCEPTION_FQCN: 'kafka_dlt-exception-fqcn',
  EXCEPTION_MESSAGE: 'kafka_dlt-exception-message',
  EXCEPTION_STACKTRACE: 'kafka_dlt-exception-stacktrace',
  /** kafkakit's own: how many times the handler ran, in all (0: the record could not be decoded). */
  ATTEMPTS: 'kafkakit-attempts',
  /** kafkakit's own: the KafkakitError code, when there is one. */
  ERROR_CODE: 'kafkakit-error-code',
  /** kafkakit's own, on retry-topic records: when the record is due again, in ms since the epoch. */
  RETRY_DUE: 'kafkakit-retry-due',
} as const

/** Headers that describe one hop; replaced, not repeated, when a record is forwarded again. */
const hopHeaders = new Set<string>([
  DeadLetterHeader.ORIGINAL_CONSUMER_GROUP,
  DeadLetterHeader.EXCEPTION_FQCN,
  DeadLetterHeader.EXCEPTION_MESSAGE,
  DeadLetterHeader.EXCEPTION_STACKTRACE,
  DeadLetterHeader.ATTEMPTS,
  DeadLetterHeader.ERROR_CODE,
  DeadLetterHeader.RETRY_DUE,
])

const int32 = (value: number) => {
  const buffer = Buffer.alloc(4)
  buffer.writeInt32BE(value)
  return buffer
}
const int64 = (value: string) => {
  const buffer = Buffer.alloc(8)
  buffer.writeBigInt64BE(BigInt(value))
  return buffer
}
const single = (value: IncomingRecord['headers'][string]) => {
  const last = Array.isArray(value) ? value[value.length - 1] : value
  return last === undefined ? undefined : Buffer.from(last)
}

export interface ForwardOptions {
  readonly error: unknown
  readonly groupId: string
  /** The handler runs so far, in all. */
  readonly attempts: number
  readonly partition: number
  /** For a retry topic: when the record is due again (ms since the epoch). */
  readonly dueMs?: number
}

/**
 * The copy of a record for a retry or dead-letter topic: its key, value and headers byte for byte, plus
 * Spring's headers with Spring's encodings (partition a 4-byte big-endian int, offset and timestamp 8-byte
 * big-endian longs, the rest UTF-8) and kafkakit's attempts, error code and due time. The original-*
 * headers name the first record of the chain, so a dead letter points at what was originally consumed.
 */
export function forwardRecord(record: IncomingRecord, options: ForwardOptions): TransportRecord {
  const headers: Record<string, Buffer | Buffer[]> = {}
  for (const [name, value] of Object.entries(record.headers)) {
    if (value === undefined || hopHeaders.has(name)) continue
    headers[name] = Array.isArray(value) ? value.map((v) => Buffer.from(v)) : Buffer.from(value)
  }
  const failure = options.error instanceof Error ? options.error : new Error(String(options.error))
  if (!(DeadLetterHeader.ORIGINAL_TOPIC in headers)) {
    headers[DeadLetterHeader.ORIGINAL_TOPIC] = Buffer.from(record.topic)
    headers[DeadLetterHeader.ORIGINAL_PARTITION] = int32(record.partition)
    headers[DeadLetterHeader.ORIGINAL_OFFSET] = int64(record.offset)
    headers[DeadLetterHeader.ORIGINAL_TIMESTAMP] = int64(record.timestamp)
  }
  headers[DeadLetterHeader.ORIGINAL_CONSUMER_GROUP] = Buffer.from(options.groupId)
  headers[DeadLetterHeader.EXCEPTION_FQCN] = Buffer.from(failure.name || 'Error')
  headers[DeadLetterHeader.EXCEPTION_MESSAGE] = Buffer.from(failure.message)
  headers[DeadLetterHeader.EXCEPTION_STACKTRACE] = Buffer.from(failure.stack ?? failure.message)
  headers[DeadLetterHeader.ATTEMPTS] = Buffer.from(String(options.attempts))
  if (KafkakitError.is(options.error)) headers[DeadLetterHeader.ERROR_CODE] = Buffer.from(options.error.code)
  if (options.dueMs !== undefined) headers[DeadLetterHeader.RETRY_DUE] = Buffer.from(String(options.dueMs))
  return { key: record.key, value: record.value, headers, partition: options.partition }
}

/** Where a record came from, read from the headers a forward wrote (the record itself when it has none). */
export interface RecordOrigin {
  readonly topic: string
  readonly partition: number
  readonly offset: string
  readonly timestamp: string
  /** The handler runs before this record was forwarded. */
  readonly attempts: number
  /** When a retry-topic record is due (ms since the epoch); 0 when it is not a retry record. */
  readonly dueMs: number
}

export function recordOrigin(record: IncomingRecord): RecordOrigin {
  const h = record.headers
  const topic = single(h[DeadLetterHeader.ORIGINAL_TOPIC])
  const partition = single(h[DeadLetterHeader.ORIGINAL_PARTITION])
  const offset = single(h[DeadLetterHeader.ORIGINAL_OFFSET])
  const timestamp = single(h[DeadLetterHeader.ORIGINAL_TIMESTAMP])
  const attempts = Number(single(h[DeadLetterHeader.ATTEMPTS])?.toString() ?? 0)
  const dueMs = Number(single(h[DeadLetterHeader.RETRY_DUE])?.toString() ?? 0)
  const origin = topic && partition?.length === 4 && offset?.length === 8 && timestamp?.length === 8
  return {
    topic: origin ? topic.toString() : record.topic,
    partition: origin ? partition.readInt32BE() : record.partition,
    offset: origin ? String(offset.readBigInt64BE()) : record.offset,
    timestamp: origin ? String(timestamp.readBigInt64BE()) : record.timestamp,
    attempts: Number.isSafeInteger(attempts) ? attempts : 0,
    dueMs: Number.isSafeInteger(dueMs) ? dueMs : 0,
  }
}
