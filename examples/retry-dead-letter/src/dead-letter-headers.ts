import { DeadLetterHeader } from '@kafkakit/consumer'
import { lastHeader, type RawHeaders } from './last-header.js'

/** A dead letter's headers, decoded: where the record was first consumed, and why it ended up here. */
export interface DeadLetterHeaders {
  readonly [DeadLetterHeader.ORIGINAL_TOPIC]: string | null
  readonly [DeadLetterHeader.ORIGINAL_PARTITION]: number | null
  readonly [DeadLetterHeader.ORIGINAL_OFFSET]: string | null
  /** ISO 8601. */
  readonly [DeadLetterHeader.ORIGINAL_TIMESTAMP]: string | null
  readonly [DeadLetterHeader.ORIGINAL_CONSUMER_GROUP]: string | null
  readonly [DeadLetterHeader.EXCEPTION_FQCN]: string | null
  readonly [DeadLetterHeader.EXCEPTION_MESSAGE]: string | null
  /** How many times the handler ran, in all (0: the record could not be decoded). */
  readonly [DeadLetterHeader.ATTEMPTS]: number | null
  /** The KafkakitError code, when the failure was one (decoding and validation failures are). */
  readonly [DeadLetterHeader.ERROR_CODE]: string | null
}

/**
 * Reads the headers kafkakit writes to a dead letter, with Spring Kafka's names and encodings (so the
 * same code reads a Spring application's dead letters): the original partition is a 4-byte big-endian
 * int, the original offset and timestamp 8-byte big-endian longs, the rest UTF-8 text. A missing or
 * malformed header is null. The stack trace (`kafka_dlt-exception-stacktrace`) is left out.
 */
export function decodeDeadLetterHeaders(headers: RawHeaders): DeadLetterHeaders {
  const text = (name: string) => lastHeader(headers, name)?.toString('utf8') ?? null
  const int32 = (name: string) => {
    const bytes = lastHeader(headers, name)
    return bytes?.length === 4 ? bytes.readInt32BE() : null
  }
  const int64 = (name: string) => {
    const bytes = lastHeader(headers, name)
    return bytes?.length === 8 ? bytes.readBigInt64BE() : null
  }
  const attempts = text(DeadLetterHeader.ATTEMPTS)
  const offset = int64(DeadLetterHeader.ORIGINAL_OFFSET)
  const timestamp = int64(DeadLetterHeader.ORIGINAL_TIMESTAMP)
  return {
    [DeadLetterHeader.ORIGINAL_TOPIC]: text(DeadLetterHeader.ORIGINAL_TOPIC),
    [DeadLetterHeader.ORIGINAL_PARTITION]: int32(DeadLetterHeader.ORIGINAL_PARTITION),
    [DeadLetterHeader.ORIGINAL_OFFSET]: offset === null ? null : String(offset),
    [DeadLetterHeader.ORIGINAL_TIMESTAMP]:
      timestamp === null ? null : new Date(Number(timestamp)).toISOString(),
    [DeadLetterHeader.ORIGINAL_CONSUMER_GROUP]: text(DeadLetterHeader.ORIGINAL_CONSUMER_GROUP),
    [DeadLetterHeader.EXCEPTION_FQCN]: text(DeadLetterHeader.EXCEPTION_FQCN),
    [DeadLetterHeader.EXCEPTION_MESSAGE]: text(DeadLetterHeader.EXCEPTION_MESSAGE),
    [DeadLetterHeader.ATTEMPTS]: attempts === null || !/^\d+$/.test(attempts) ? null : Number(attempts),
    [DeadLetterHeader.ERROR_CODE]: text(DeadLetterHeader.ERROR_CODE),
  }
}
