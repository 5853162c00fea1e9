import { createTopic, uniqueName } from '@kafkakit/testing'
import { Kafka, logLevel } from 'kafkajs'
import { expect, inject, test } from 'vitest'
import { runPython } from '../../../../test/interop/run-python.js'
import { type SeedOrder, seedOrderSchema } from '../serde/order-fixture.test-helper.js'
import { string } from '../serde/string-serde.js'
import { defineTopic } from '../topic/define-topic.js'
import { createTopicCodec } from '../topic/topic-codec.js'
import { registryAvro } from './registry-avro-serde.js'
import { createSchemaRegistry } from './schema-registry.js'

// Confluent's own Python client (librdkafka inside, with Confluent's Avro serdes) reads what kafkakit
// writes, and kafkakit reads what it writes: the wire format is the Confluent one, not a look-alike.
const { bootstrapServers, schemaRegistryUrl } = inject('kafkakit')
const registry = createSchemaRegistry({ url: schemaRegistryUrl! })
const kafka = new Kafka({ brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING })

const orderSchema = seedOrderSchema([{ name: 'note', type: ['null', 'string'], default: null }])
interface Order extends SeedOrder {
  note: string | null
}
const orders: Order[] = Array.from({ length: 20 }, (_, i) => ({
  order_id: i,
  order_ts: 1534772501276 + i,
  total_amount: i + 0.5,
  customer_name: `Customer ${i} ünïcödé`,
  note: i % 2 === 0 ? null : `note ${i}`,
}))

test('records kafkakit encodes are read by confluent-kafka-python (librdkafka) with its AvroDeserializer', async () => {
  const topic = defineTopic({
    name: uniqueName('orders-to-python'),
    key: string(),
    value: registryAvro<Order>(orderSchema, { autoRegister: true }),
  })
  await createTopic(bootstrapServers, { name: topic.name, partitions: 2 })
  const codec = await createTopicCodec(topic, { registry })
  const producer = kafka.producer({ idempotent: true })
  await producer.connect()
  try {
    await producer.send({
      topic: topic.name,
      acks: -1,
      messages: orders.map((o) => codec.encode({ key: String(o.order_id), value: o })),
    })
  } finally {
    await producer.disconnect()
  }
  const lines = await runPython('avro_consume.py', [
    `--bootstrap=${bootstrapServers}`,
    `--registry=${schemaRegistryUrl}`,
    `--topic=${topic.name}`,
    `--group=${uniqueName('python')}`,
    `--count=${orders.length}`,
  ])
  const read = lines
    .map((line) => JSON.parse(line) as { key: string; value: Order })
    .sort((a, b) => a.value.order_id - b.value.order_id)
  expect(read).toEqual(orders.map((o) => ({ key: String(o.order_id), value: o })))
})

test('records confluent-kafka-python encodes are read by kafkakit', async () => {
  const topic = defineTopic({
    name: uniqueName('orders-from-python'),
    key: string(),
    value: registryAvro<Order>(orderSchema),
  })
  await createTopic(bootstrapServers, { name: topic.name })
  await runPython(
    'avro_produce.py',
    [
      `--bootstrap=${bootstrapServers}`,
      `--registry=${schemaRegistryUrl}`,
      `--topic=${topic.name}`,
      `--schema=${JSON.stringify(orderSchema)}`,
    ],
    orders.map((o) => JSON.stringify({ key: String(o.order_id), value: o })).join('\n'),
  )
  // Python registered the schema; kafkakit (autoRegister off) finds the same id.
  const codec = await createTopicCodec(topic, { registry })
  const consumer = kafka.consumer({ groupId: uniqueName('kafkakit') })
  const read: { key: string; value: Order }[] = []
  await consumer.connect()
  await consumer.subscribe({ topic: topic.name, fromBeginning: true })
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        const decoded = await codec.decode({
          key: message.key,
          value: message.value,
          headers: message.headers,
        })
        read.push({ key: decoded.key, value: decoded.value })
        if (read.length === orders.length) resolve()
      },
    })
  })
  try {
    await done
  } finally {
    await consumer.disconnect()
  }
  expect(read).toEqual(orders.map((o) => ({ key: String(o.order_id), value: o })))
})
