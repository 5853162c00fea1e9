import { KafkakitError } from '@kafkakit/core'
import type { IncomingRecord, TransportRecord } from '@kafkakit/core/internal'

/** Spring Kafka's dead-letter header names (DeadLetterPublishingRecoverer), so its tooling reads ours. */
export const DeadLetterHeader = {
  ORIGINAL_TOPIC: 'kafka_dlt-original-topic',
  ORIGINAL_PARTITION: 'kafka_dlt-original-partition',
  ORIGINAL_OFFSET: 'kafka_dlt-original-offset',
  ORIGINAL_TIMESTAMP: 'kafka_dlt-original-timestamp',
  ORIGINAL_CONSUMER_GROUP: 'kafka_dlt-original-consumer-group',
  EXCEPTION_FQCN: 'kafka_dlt-exception-fqcn',
  EXCEPTION_MESSAGE: 'kafka_dlt-exception-message',
  EXCEPTION_STACKTRACE: 'kafka_dlt-exception-stacktrace',
  /** kafkakit's own: how many times the handler ran (0: the record could not be decoded). */
  ATTEMPTS: 'kafkakit-attempts',
  /** kafkakit's own: the KafkakitError code, when there is one. */
  ERROR_CODE: 'kafkakit-error-code',
} as const

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

/**
 * The dead-letter copy of a record: its key, value and headers byte for byte, plus Spring's headers with
 * Spring's encodings (partition a 4-byte big-endian int, offset and timestamp 8-byte big-endian longs,
 * the rest UTF-8) and kafkakit's attempts and error code.
 */
export function deadLetterRecord(
  record: IncomingRecord,
  error: unknown,
  groupId: string,
  attempts: number,
  partition: number,
): TransportRecord {
  const headers: Record<string, Buffer | Buffer[]> = {}
  for (const [name, value] of Object.entries(record.headers)) {
    if (value === undefined) continue
    headers[name] = Array.isArray(value) ? value.map((v) => Buffer.from(v)) : Buffer.from(value)
  }
  const failure = error instanceof Error ? error : new Error(String(error))
  headers[DeadLetterHeader.ORIGINAL_TOPIC] = Buffer.from(record.topic)
  headers[DeadLetterHeader.ORIGINAL_PARTITION] = int32(record.partition)
  headers[DeadLetterHeader.ORIGINAL_OFFSET] = int64(record.offset)
  headers[DeadLetterHeader.ORIGINAL_TIMESTAMP] = int64(record.timestamp)
  headers[DeadLetterHeader.ORIGINAL_CONSUMER_GROUP] = Buffer.from(groupId)
  headers[DeadLetterHeader.EXCEPTION_FQCN] = Buffer.from(failure.name || 'Error')
  headers[DeadLetterHeader.EXCEPTION_MESSAGE] = Buffer.from(failure.message)
  headers[DeadLetterHeader.EXCEPTION_STACKTRACE] = Buffer.from(failure.stack ?? failure.message)
  headers[DeadLetterHeader.ATTEMPTS] = Buffer.from(String(attempts))
  if (KafkakitError.is(error)) headers[DeadLetterHeader.ERROR_CODE] = Buffer.from(error.code)
  return { key: record.key, value: record.value, headers, partition }
}
