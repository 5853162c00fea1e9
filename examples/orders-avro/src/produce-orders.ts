// The seed's orders producer: every line of a file (the seed's `{1:{"order_id":1,...}}` lines, or plain
// JSON orders) becomes one record of the orders topic, keyed by order id, its value Avro in the Confluent
// wire format with the schema from the registry.
//   npm run produce -w examples/orders-avro -- [--file orders.txt] [--topic orders]
// Needs KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL. Prints each order sent as a JSON line.
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createClient } from '@kafkakit/core'
import { ensureTopics } from '@kafkakit/example-support'
import { createProducer } from '@kafkakit/producer'
import { DEFAULT_TOPIC, ordersTopic } from './order-topic.js'
import { parseOrders } from './parse-order-line.js'
import { registryUrl } from './registry-url.js'

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'orders.txt' },
    topic: { type: 'string', default: DEFAULT_TOPIC },
  },
})

try {
  const orders = parseOrders(await readFile(values.file, 'utf8'))
  await using client = createClient({ clientId: 'orders-producer', schemaRegistry: { url: registryUrl() } })
  await using producer = createProducer(client)
  const topic = ordersTopic(values.topic)
  await ensureTopics(client, [topic.name])
  // One send: every order is validated and encoded first, so a bad one stops them all before the wire.
  const sent = await producer.send(
    topic,
    orders.map((order) => ({ key: String(order.order_id), value: order })),
  )
  for (const order of orders) process.stdout.write(`${JSON.stringify(order)}\n`)
  console.error(
    `${sent.length} orders from ${values.file} sent to ${topic.name} as Avro (subject ${topic.name}-value)`,
  )
} catch (error) {
  console.error(`orders producer failed: ${(error as Error).message}`)
  process.exitCode = 1
}
