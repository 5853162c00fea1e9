import { createRequire } from 'node:module'
import type { KafkaJSProtocolError } from 'kafkajs'
import { expect, test } from 'vitest'
import { clientInternals, createClient } from '../client/create-client.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { fromKafkajsError } from './kafkajs-error.js'
import { createKafkajsProducerTransport, sendAgainAfterReset } from './kafkajs-producer-transport.js'

const require = createRequire(import.meta.url)
const { createErrorFromCode } = require('kafkajs/src/protocol/error.js') as {
  createErrorFromCode(code: number): KafkaJSProtocolError
}
const caught = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

test.each([
  ['INVALID_PRODUCER_EPOCH', 47],
  ['UNKNOWN_PRODUCER_ID', 59],
  ['OUT_OF_ORDER_SEQUENCE_NUMBER', 45],
])(
  'an idempotent send that failed with %s is retriable: the producer re-initialises, the records can go again',
  (type, kafkaCode) => {
    const broker = fromKafkajsError(createErrorFromCode(kafkaCode), 'send to orders')
    expect(broker.details.kafkaError).toBe(type)
    const error = caught(() => sendAgainAfterReset(broker))
    expect(error).toMatchObject({ code: ErrorCode.KAFKA, retriable: true, details: { kafkaError: type } })
    expect((error as Error).message).toMatch(/re-initialised: send the records again/)
    expect((error as KafkakitError).cause).toBe(broker)
  },
)

test('other errors pass through unchanged', () => {
  const other = new KafkakitError(ErrorCode.MESSAGE_TOO_LARGE, 'too large')
  expect(caught(() => sendAgainAfterReset(other))).toBe(other)
  const foreign = new Error('x')
  expect(caught(() => sendAgainAfterReset(foreign))).toBe(foreign)
})

test('an idempotent producer on a client without retries is a KAFKAKIT_CONFIG error naming retry.retries', async () => {
  await using client = createClient({ brokers: ['127.0.0.1:1'], retry: { retries: 0 } })
  const options = clientInternals(client).options
  const transport = { acks: -1, compression: 'none', ackTimeoutMs: 1000 } as const
  expect(
    caught(() => createKafkajsProducerTransport(options, { ...transport, idempotent: true })),
  ).toMatchObject({
    code: ErrorCode.CONFIG,
    details: { fields: ['retry.retries'] },
  })
  const plain = createKafkajsProducerTransport(options, { ...transport, idempotent: false })
  await plain.disconnect()
})
