// The seed's user_event_consumer.py: reads events_topic from the earliest offset in consumer group
// event-collector-group-1 and prints each event as one JSON line to stdout; logs go to stderr.
//   npm run consumer -w examples/user-events -- [--max-events N] [--topic events_topic] [--group event-collector-group-1]
// Ctrl-C (SIGINT) or SIGTERM, or the Nth event with --max-events: commits, leaves the group, exits 0.
import { parseArgs } from 'node:util'
import { createConsumer } from '@kafkakit/consumer'
import { createClient } from '@kafkakit/core'
import { ensureTopics, limitFlag, shutdownSignal, untilAborted } from '@kafkakit/example-support'
import { DEFAULT_GROUP, DEFAULT_TOPIC, userEventsTopic } from './topic.js'

const { values } = parseArgs({
  options: {
    'max-events': { type: 'string' },
    topic: { type: 'string', default: DEFAULT_TOPIC },
    group: { type: 'string', default: DEFAULT_GROUP },
  },
})
const maxEvents = limitFlag('max-events', values['max-events'])
const stopping = shutdownSignal()
const enough = new AbortController()

let printed = 0
try {
  // No brokers given: createClient() reads KAFKA_BOOTSTRAP_SERVERS.
  await using client = createClient({ clientId: 'user-event-consumer' })
  const userEvents = userEventsTopic(values.topic)
  // Stopped when disposed: it finishes the running handler, commits and leaves the group.
  await using consumer = createConsumer(client, {
    groupId: values.group,
    topics: [userEvents],
    fromBeginning: true, // auto_offset_reset='earliest': a new group starts at the oldest event
    // Each event's offset is committed after it is printed (at-least-once). Manual commits keep the
    // events a --max-events run fetched but did not print uncommitted: the group's next run starts there.
    commit: 'manual',
    handler: async (message) => {
      if (printed >= maxEvents) return
      process.stdout.write(`${JSON.stringify(message.value)}\n`) // message.value: a validated UserEvent
      await message.commit()
      if (++printed >= maxEvents) enough.abort()
    },
  })
  await ensureTopics(client, [userEvents.name])
  await consumer.start()
  console.error(`reading ${userEvents.name} as group ${values.group} (Ctrl-C stops)`)
  await untilAborted(stopping, enough.signal)
} catch (error) {
  console.error(`user-event consumer failed: ${(error as Error).message}`)
  process.exitCode = 1
}
console.error(`stopped after ${printed} event(s)`)
