import { Kafka, logLevel } from 'kafkajs'
import { expect } from 'vitest'
import { createTopic } from './create-topic.js'
import { uniqueName } from './unique-name.js'
import { waitFor } from './wait-for.js'

/**
 * Produces 20 keyed messages with headers (idempotent, acks=all) to a new 3-partition topic and
 * consumes them back with a new group: every key, value and header must come back exactly.
 */
export async function expectRoundTrip(brokers: readonly string[]): Promise<void> {
  const topic = await createTopic({ brokers }, { partitions: 3 })
  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING })
  const producer = kafka.producer({ idempotent: true })
  const consumer = kafka.consumer({ groupId: uniqueName('group') })
  try {
    await producer.connect()
    const messages = Array.from({ length: 20 }, (_, i) => ({
      key: `key-${i}`,
      value: `value-${i}`,
      headers: { n: String(i) },
    }))
    await producer.send({ topic, acks: -1, messages })

    const received: { key: string; value: string; n: string }[] = []
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({
          key: message.key!.toString(),
          value: message.value!.toString(),
          n: message.headers!.n!.toString(),
        })
      },
    })
    await waitFor(() => received.length >= messages.length, { timeoutMs: 60_000, description: '20 messages' })
    expect(received.sort((a, b) => Number(a.n) - Number(b.n))).toEqual(
      messages.map((m) => ({ key: m.key, value: m.value, n: m.headers.n })),
    )
  } finally {
    await consumer.disconnect()
    await producer.disconnect()
  }
}
