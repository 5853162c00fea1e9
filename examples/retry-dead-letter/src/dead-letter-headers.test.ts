import { expect, test } from 'vitest'
import { decodeDeadLetterHeaders } from './dead-letter-headers.js'

const int32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}
const int64 = (n: bigint) => {
  const b = Buffer.alloc(8)
  b.writeBigInt64BE(n)
  return b
}

test("Spring Kafka's encodings: partition a 4-byte big-endian int, offset and timestamp 8-byte longs, the rest UTF-8", () => {
  const headers = {
    'kafka_dlt-original-topic': Buffer.from('payments'),
    'kafka_dlt-original-partition': int32(2),
    'kafka_dlt-original-offset': int64(4_294_967_301n),
    'kafka_dlt-original-timestamp': int64(1_534_772_501_276n),
    'kafka_dlt-original-consumer-group': Buffer.from('payment-processor'),
    'kafka_dlt-exception-fqcn': Buffer.from('org.example.PaymentRejectedException'),
    'kafka_dlt-exception-message': Buffer.from('2500.00 € is above the limit'),
    'kafka_dlt-exception-stacktrace': Buffer.from('PaymentRejectedException: ...\n  at ...'),
    'kafkakit-attempts': Buffer.from('9'),
    'kafkakit-error-code': Buffer.from('KAFKAKIT_VALIDATION'),
    'some-other-header': Buffer.from('kept out'),
  }
  expect(decodeDeadLetterHeaders(headers)).toEqual({
    'kafka_dlt-original-topic': 'payments',
    'kafka_dlt-original-partition': 2,
    'kafka_dlt-original-offset': '4294967301',
    'kafka_dlt-original-timestamp': '2018-08-20T13:41:41.276Z',
    'kafka_dlt-original-consumer-group': 'payment-processor',
    'kafka_dlt-exception-fqcn': 'org.example.PaymentRejectedException',
    'kafka_dlt-exception-message': '2500.00 € is above the limit',
    'kafkakit-attempts': 9,
    'kafkakit-error-code': 'KAFKAKIT_VALIDATION',
  })
})

test('missing or malformed headers are null; a repeated header counts with its last value', () => {
  const decoded = decodeDeadLetterHeaders({
    'kafka_dlt-original-partition': Buffer.from('2'),
    'kafka_dlt-original-offset': int32(5),
    'kafka_dlt-exception-fqcn': [Buffer.from('First'), Buffer.from('Last')],
    'kafkakit-attempts': Buffer.from('many'),
  })
  expect(decoded['kafka_dlt-original-topic']).toBeNull()
  expect(decoded['kafka_dlt-original-partition']).toBeNull()
  expect(decoded['kafka_dlt-original-offset']).toBeNull()
  expect(decoded['kafka_dlt-original-timestamp']).toBeNull()
  expect(decoded['kafka_dlt-exception-fqcn']).toBe('Last')
  expect(decoded['kafkakit-attempts']).toBeNull()
  expect(decoded['kafkakit-error-code']).toBeNull()
})
