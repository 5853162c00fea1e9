// Reads enriched-users from the beginning with read_committed isolation (what a downstream service
// sees) and prints each enriched user as one JSON line; logs and a summary go to stderr.
//   npm run read-enriched -w examples/enrich-exactly-once -- [--topic enriched-users] [--timeout-ms 5000]
//     [--max-messages N] [--read-uncommitted] [--group name]
// Exits once no record has come for --timeout-ms (0: run until Ctrl-C), or after --max-messages records.
// --read-uncommitted shows the log as it is, records of aborted transactions included.
// Each run reads everything: its group (a fresh one unless --group) commits nothing.
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { createConsumer } from '@kafkakit/consumer'
import { createClient } from '@kafkakit/core'
import { ensureTopics, intFlag, limitFlag, shutdownSignal, untilAborted } from '@kafkakit/example-support'
import { DEFAULT_ENRICHED_TOPIC, enrichedUsersTopic } from './user-topics.js'

const { values } = parseArgs({
  options: {
    topic: { type: 'string', default: DEFAULT_ENRICHED_TOPIC },
    'timeout-ms': { type: 'string', default: '5000' },
    'max-messages': { type: 'string' },
    'read-uncommitted': { type: 'boolean', default: false },
    group: { type: 'string', default: `enriched-reader-${randomUUID()}` },
  },
})
const timeoutMs = intFlag('timeout-ms', values['timeout-ms'], 0)
const maxMessages = limitFlag('max-messages', values['max-messages'])
const readCommitted = !values['read-uncommitted']
const stopping = shutdownSignal()
const enough = new AbortController()

let printed = 0
const users = new Set<string>()
let lastRecordAt = Date.now()
try {
  await using client = createClient({ clientId: 'enriched-user-reader' })
  const enrichedUsers = enrichedUsersTopic(values.topic)
  await using consumer = createConsumer(client, {
    groupId: values.group,
    topics: [enrichedUsers],
    fromBeginning: true,
    readCommitted,
    // Nothing is committed: the reader leaves no position behind, and the next run reads it all again.
    commit: 'manual',
    handler: (message) => {
      if (printed >= maxMessages) return
      process.stdout.write(`${JSON.stringify(message.value)}\n`) // a validated EnrichedUser
      users.add(message.value.user_id)
      lastRecordAt = Date.now()
      if (++printed >= maxMessages) enough.abort()
    },
  })
  await ensureTopics(client, [enrichedUsers.name])
  await consumer.start() // resolves once the group is joined
  console.error(
    `reading ${enrichedUsers.name} (${readCommitted ? 'read_committed' : 'read_uncommitted'})` +
      (timeoutMs > 0 ? `, until nothing new comes for ${timeoutMs} ms` : ' (Ctrl-C stops)'),
  )
  lastRecordAt = Date.now()
  const idle =
    timeoutMs > 0
      ? setInterval(() => {
          if (Date.now() - lastRecordAt >= timeoutMs) enough.abort()
        }, 100)
      : undefined
  await untilAborted(stopping, enough.signal)
  clearInterval(idle)
} catch (error) {
  console.error(`enriched-user reader failed: ${(error as Error).message}`)
  process.exitCode = 1
}
console.error(`${printed} record(s), ${users.size} distinct user(s)`)
