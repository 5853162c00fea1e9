// A payment processor whose handler fails in each way a real one does, and what kafkakit's consumer does
// about it: in-place retries with backoff, retry topics (payments-retry-1 after 1 s, payments-retry-2
// after 2 s), nonRetriable errors and poison pills straight to the dead-letter topic (payments-dlt).
//   npm run process-payments -w examples/retry-dead-letter -- [--topic payments] [--group payment-processor]
//     [--attempts 3] [--backoff-ms 100] [--retry-delays-ms 1000,2000] [--timeout-ms 60000]
// It creates its topics when missing, produces the sample payments (sample-payments.ts) and processes
// them, printing one JSON line per event on stdout:
//   produced     a sample written to the payments topic: its case, partition and offset
//   handled      an attempt charged the payment (attempt n: first delivery, in-place retry or retry topic)
//   failed       an attempt threw: the error, and whether the handler marked it nonRetriable
//   dead-letter  at the end, each of this run's records on the dead-letter topic, its headers decoded
//                (readDeadLetterHeaders: where it was first consumed, the error, the attempts)
//   summary      how many were produced, charged and dead-lettered
// The consumer's own log (retries, forwards) goes to stderr as JSON lines. Exit 0 once every sample was
// charged or dead-lettered, 1 when that takes longer than --timeout-ms.
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { createConsumer, isNonRetriable, retryAndDeadLetterTopics } from '@kafkakit/consumer'
import { consoleLogger, createClient, type KafkaAdmin } from '@kafkakit/core'
import { ensureTopics, intFlag } from '@kafkakit/example-support'
import { createProducer } from '@kafkakit/producer'
import { deliveryOf } from './delivery-of.js'
import { createPaymentGateway } from './payment-gateway.js'
import {
  DEFAULT_GROUP,
  DEFAULT_TOPIC,
  deadLetterTopic,
  paymentsTopic,
  rawPaymentsTopic,
} from './payment-topic.js'
import { processPayment } from './process-payment.js'
import { readDeadLetters } from './read-dead-letters.js'
import { SAMPLE_PAYMENTS } from './sample-payments.js'

const { values } = parseArgs({
  options: {
    topic: { type: 'string', default: DEFAULT_TOPIC },
    group: { type: 'string', default: DEFAULT_GROUP },
    attempts: { type: 'string', default: '3' },
    'backoff-ms': { type: 'string', default: '100' },
    'retry-delays-ms': { type: 'string', default: '1000,2000' },
    'timeout-ms': { type: 'string', default: '60000' },
  },
})
const attempts = intFlag('attempts', values.attempts)
const backoffMs = intFlag('backoff-ms', values['backoff-ms'], 0)
const retryDelaysMs = values['retry-delays-ms'].split(',').map((delay) => intFlag('retry-delays-ms', delay))
const timeoutMs = intFlag('timeout-ms', values['timeout-ms'])

const started = Date.now()
const emit = (event: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ ...event, at_ms: Date.now() - started })}\n`)

/** Each partition's end offset. */
const endOffsets = async (admin: KafkaAdmin, topic: string) =>
  new Map((await admin.endOffsets(topic)).map((p) => [p.partition, BigInt(p.offset)]))

try {
  // No brokers given: createClient() reads KAFKA_BOOTSTRAP_SERVERS. kafkakit logs its retries and
  // forwards at info; the Kafka client underneath only its warnings.
  await using client = createClient({
    clientId: 'payment-processor',
    logger: consoleLogger('info'),
    logLevel: 'warn',
  })
  const payments = paymentsTopic(values.topic)
  const deadLetterName = (topic: string) => `${topic}-dlt`
  const routing = { retryTopics: { delaysMs: retryDelaysMs }, deadLetter: { topic: deadLetterName } }
  const deadLetters = deadLetterTopic(deadLetterName(payments.name))
  await ensureTopics(client, [payments.name, ...retryAndDeadLetterTopics({ topics: [payments], ...routing })])
  await using admin = client.admin()
  // Where this run's dead letters start.
  const before = await endOffsets(admin, deadLetters.name)

  const produced = new Set<string>()
  {
    await using producer = createProducer(client)
    const raw = rawPaymentsTopic(payments.name)
    for (const sample of SAMPLE_PAYMENTS) {
      const sent =
        'payment' in sample
          ? await producer.send(payments, { key: sample.key, value: sample.payment })
          : await producer.send(raw, { key: sample.key, value: sample.raw })
      produced.add(`${sent.partition}@${sent.offset}`)
      emit({
        event: 'produced',
        key: sample.key,
        case: sample.case,
        partition: sent.partition,
        offset: sent.offset,
      })
    }
  }

  const gateway = createPaymentGateway()
  const charged = new Set<string>()
  await using consumer = createConsumer(client, {
    groupId: values.group,
    topics: [payments],
    fromBeginning: true,
    // In place: `attempts` calls, `backoffMs` after the first failure, doubling (with jitter).
    retry: { attempts, initialDelayMs: backoffMs },
    // Then <topic>-retry-1, -retry-2, ...: a record waits there without holding up the others.
    // Then the dead-letter topic, as do nonRetriable failures and records that do not decode.
    ...routing,
    handler: async (message) => {
      // message.partition, offset and attempt are the original record's, even from a retry topic.
      const attempt = {
        payment_id: message.value.payment_id,
        attempt: message.attempt,
        delivery: deliveryOf(message),
      }
      try {
        const { charge_id } = await processPayment(gateway, message.value)
        emit({ event: 'handled', ...attempt, charge_id })
        charged.add(`${message.partition}@${message.offset}`)
      } catch (error) {
        const { name, message: text } = error as Error
        emit({ event: 'failed', ...attempt, error: `${name}: ${text}`, retriable: !isNonRetriable(error) })
        throw error // the consumer decides: retry in place, forward to a retry topic, or dead-letter
      }
    },
  })
  await consumer.start()
  console.error(`processing ${payments.name} as group ${values.group}`)

  // Done when every sample was charged or dead-lettered (the dead-letter topic grew by the rest).
  let dead = 0
  for (const deadline = Date.now() + timeoutMs; ; await sleep(250)) {
    const after = await endOffsets(admin, deadLetters.name)
    dead = [...after].reduce((sum, [p, end]) => sum + Number(end - (before.get(p) ?? 0n)), 0)
    const settled = [...produced].filter((at) => charged.has(at)).length + dead
    if (settled >= produced.size) break
    if (Date.now() > deadline) {
      throw new Error(
        `after ${timeoutMs} ms only ${settled} of ${produced.size} payments are charged or dead-lettered`,
      )
    }
  }
  await consumer.stop() // commits, leaves the group

  for (const letter of await readDeadLetters(client, deadLetters, before, dead, timeoutMs)) {
    emit({ event: 'dead-letter', topic: deadLetters.name, ...letter })
  }
  emit({ event: 'summary', produced: produced.size, charged: charged.size, dead_lettered: dead })
} catch (error) {
  console.error(`payment processor failed: ${(error as Error).message}`)
  process.exitCode = 1
}
