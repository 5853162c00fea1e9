// Produces N random users to the users topic, keyed by user id; each user is printed to stdout as one
// JSON line once Kafka has acknowledged it; logs go to stderr.
//   npm run produce-users -w examples/enrich-exactly-once -- [--count 10] [--topic users] [--partitions 3]
// --partitions is used only when the topic does not exist yet.
import { parseArgs } from 'node:util'
import { createClient } from '@kafkakit/core'
import { ensureTopics, intFlag } from '@kafkakit/example-support'
import { createProducer } from '@kafkakit/producer'
import { makeUser } from './make-user.js'
import { DEFAULT_USERS_TOPIC, usersTopic } from './user-topics.js'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10' },
    topic: { type: 'string', default: DEFAULT_USERS_TOPIC },
    partitions: { type: 'string', default: '3' },
  },
})
const count = intFlag('count', values.count)
const partitions = intFlag('partitions', values.partitions)

try {
  // No brokers given: createClient() reads KAFKA_BOOTSTRAP_SERVERS.
  await using client = createClient({ clientId: 'user-producer' })
  await using producer = createProducer(client) // idempotent, acks=all; flushes when disposed
  const users = usersTopic(values.topic)
  await ensureTopics(client, [users.name], partitions)
  const batch = Array.from({ length: count }, () => makeUser())
  // One call: every user is validated against the topic's schema before anything is sent.
  await producer.send(
    users,
    batch.map((user) => ({ key: user.user_id, value: user })),
  )
  for (const user of batch) process.stdout.write(`${JSON.stringify(user)}\n`)
  console.error(`${count} users sent to ${users.name}`)
} catch (error) {
  console.error(`user producer failed: ${(error as Error).message}`)
  process.exitCode = 1
}
