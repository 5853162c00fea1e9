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
export function forwardRecord(
  record: IncomingRecord,
  options: ForwardOptions,
): TransportRecord & { readonly headers: NonNullable<TransportRecord['headers']> } {
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

type Headers = { readonly [name: string]: Buffer | string | readonly (Buffer | string)[] | undefined }

/** What the headers of a retry or dead-letter record say (Spring Kafka's too); undefined where one is missing or malformed. */
export interface DeadLetterInfo {
  readonly originalTopic: string | undefined
  readonly originalPartition: number | undefined
  readonly originalOffset: string | undefined
  readonly originalTimestamp: Date | undefined
  readonly consumerGroup: string | undefined
  readonly exceptionClass: string | undefined
  readonly exceptionMessage: string | undefined
  /** Handler runs in all; 0: the record could not be decoded. */
  readonly attempts: number | undefined
  readonly errorCode: string | undefined
  /** On retry-topic records: when the record is due again. */
  readonly retryDue: Date | undefined
}

/**
 * Reads the headers kafkakit (or Spring Kafka) writes to a dead-letter or retry record, in Spring's
 * encodings: partition a 4-byte big-endian int, offset and timestamp 8-byte big-endian longs, the rest UTF-8.
 */
export function readDeadLetterHeaders(headers: Headers): DeadLetterInfo {
  const bytes = (name: string) => {
    const value = headers[name]
    const last = Array.isArray(value) ? value[value.length - 1] : value
    return last === undefined ? undefined : Buffer.from(last as Buffer | string)
  }
  const text = (name: string) => bytes(name)?.toString('utf8')
  const int32 = (name: string) => {
    const b = bytes(name)
    return b?.length === 4 ? b.readInt32BE() : undefined
  }
  const int64 = (name: string) => {
    const b = bytes(name)
    return b?.length === 8 ? b.readBigInt64BE() : undefined
  }
  const count = (name: string) => {
    const t = text(name)
    return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined
  }
  const offset = int64(DeadLetterHeader.ORIGINAL_OFFSET)
  const timestamp = int64(DeadLetterHeader.ORIGINAL_TIMESTAMP)
  const due = count(DeadLetterHeader.RETRY_DUE)
  return {
    originalTopic: text(DeadLetterHeader.ORIGINAL_TOPIC),
    originalPartition: int32(DeadLetterHeader.ORIGINAL_PARTITION),
    originalOffset: offset === undefined ? undefined : String(offset),
    originalTimestamp: timestamp === undefined ? undefined : new Date(Number(timestamp)),
    consumerGroup: text(DeadLetterHeader.ORIGINAL_CONSUMER_GROUP),
    exceptionClass: text(DeadLetterHeader.EXCEPTION_FQCN),
    exceptionMessage: text(DeadLetterHeader.EXCEPTION_MESSAGE),
    attempts: count(DeadLetterHeader.ATTEMPTS),
    errorCode: text(DeadLetterHeader.ERROR_CODE),
    retryDue: due === undefined ? undefined : new Date(due),
  }
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
  const info = readDeadLetterHeaders(record.headers)
  const known =
    info.originalTopic !== undefined &&
    info.originalPartition !== undefined &&
    info.originalOffset !== undefined &&
    info.originalTimestamp !== undefined
  return {
    topic: known ? info.originalTopic! : record.topic,
    partition: known ? info.originalPartition! : record.partition,
    offset: known ? info.originalOffset! : record.offset,
    timestamp: known ? String(info.originalTimestamp!.getTime()) : record.timestamp,
    attempts: info.attempts ?? 0,
    dueMs: info.retryDue?.getTime() ?? 0,
  }
}
