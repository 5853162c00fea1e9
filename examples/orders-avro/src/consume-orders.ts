// Reads the orders topic from the earliest offset, decodes each Avro record with the writer's schema from
// the registry (resolved into this reader schema), and prints it as one JSON line; logs go to stderr.
//   npm run consume -w examples/orders-avro -- [--max-orders N] [--topic orders] [--group order-printer]
// Needs KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL. Ctrl-C, SIGTERM or the Nth order: exits 0.
import { parseArgs } from 'node:util'
import { createConsumer } from '@kafkakit/consumer'
import { createClient } from '@kafkakit/core'
import { ensureTopics, limitFlag, shutdownSignal, untilAborted } from '@kafkakit/example-support'
import { DEFAULT_GROUP, DEFAULT_TOPIC, ordersTopic } from './order-topic.js'
import { registryUrl } from './registry-url.js'

const { values } = parseArgs({
  options: {
    'max-orders': { type: 'string' },
    topic: { type: 'string', default: DEFAULT_TOPIC },
    group: { type: 'string', default: DEFAULT_GROUP },
  },
})
const maxOrders = limitFlag('max-orders', values['max-orders'])
const stopping = shutdownSignal()
const enough = new AbortController()

let printed = 0
try {
  await using client = createClient({ clientId: 'orders-consumer', schemaRegistry: { url: registryUrl() } })
  const topic = ordersTopic(values.topic)
  await using consumer = createConsumer(client, {
    groupId: values.group,
    topics: [topic],
    fromBeginning: true,
    // Committed once printed; orders fetched after the Nth stay uncommitted for the group's next run.
    commit: 'manual',
    handler: async (message) => {
      if (printed >= maxOrders) return
      process.stdout.write(`${JSON.stringify(message.value)}\n`) // a decoded, validated Order
      await message.commit()
      if (++printed >= maxOrders) enough.abort()
    },
  })
  await ensureTopics(client, [topic.name])
  await consumer.start()
  console.error(`reading ${topic.name} as group ${values.group} (Ctrl-C stops)`)
  await untilAborted(stopping, enough.signal)
} catch (error) {
  console.error(`orders consumer failed: ${(error as Error).message}`)
  process.exitCode = 1
}
console.error(`stopped after ${printed} order(s)`)
