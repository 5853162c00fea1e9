// The seed's user_event_producer.py: a random user event to events_topic every 3 seconds, forever.
//   npm run producer -w examples/user-events -- [--interval-ms 3000] [--count N] [--topic events_topic]
// Each event sent is printed to stdout as one JSON line once Kafka has acknowledged it; logs go to stderr.
// Ctrl-C (SIGINT) or SIGTERM: the producer flushes, stops and exits 0.
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { createClient } from '@kafkakit/core'
import { ensureTopics, intFlag, limitFlag, shutdownSignal } from '@kafkakit/example-support'
import { createProducer } from '@kafkakit/producer'
import { makeUserEvent } from './make-user-event.js'
import { DEFAULT_TOPIC, userEventsTopic } from './topic.js'

const { values } = parseArgs({
  options: {
    'interval-ms': { type: 'string', default: '3000' },
    count: { type: 'string' },
    topic: { type: 'string', default: DEFAULT_TOPIC },
  },
})
const intervalMs = intFlag('interval-ms', values['interval-ms'], 0)
const count = limitFlag('count', values.count)
const stopping = shutdownSignal()

try {
  // No brokers given: createClient() reads KAFKA_BOOTSTRAP_SERVERS.
  await using client = createClient({ clientId: 'user-event-producer' })
  await using producer = createProducer(client) // idempotent, acks=all; flushes when disposed
  const userEvents = userEventsTopic(values.topic)
  await ensureTopics(client, [userEvents.name])
  console.error(`producing to ${userEvents.name}, one event every ${intervalMs} ms (Ctrl-C stops)`)
  for (let sent = 0; sent < count && !stopping.aborted; ) {
    const event = makeUserEvent()
    const meta = await producer.send(userEvents, { key: event.event_id, value: event })
    sent++
    process.stdout.write(`${JSON.stringify(event)}\n`)
    console.error(`event ${sent} acknowledged: ${meta.topic}-${meta.partition} offset ${meta.offset}`)
    if (sent < count) await sleep(intervalMs, undefined, { signal: stopping }).catch(() => undefined)
  }
} catch (error) {
  console.error(`user-event producer failed: ${(error as Error).message}`)
  process.exitCode = 1
}
