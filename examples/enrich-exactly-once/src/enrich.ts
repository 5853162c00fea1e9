// The seed's UserEnricher (shared/seeds/004): reads users, adds each user's company and college from the
// directory and publishes the enriched user to enriched-users, exactly once. A user's output and the
// offset of its input commit in the same Kafka transaction, so a crash (even SIGKILL) leaves nothing
// half done: the restarted enricher aborts the transaction that was open and handles those users again,
// and readers with read_committed isolation see each enriched user once.
//   npm run enrich -w examples/enrich-exactly-once -- [--from users] [--to enriched-users]
//     [--group user-enricher] [--lookup-ms 0] [--max-per-transaction 500] [--max-records N]
//     [--session-timeout-ms 10000] [--partitions 3]
// Prints one JSON line per user as it is sent inside the open transaction (which may yet abort); logs go
// to stderr. Runs until Ctrl-C (SIGINT) or SIGTERM: the open transaction commits, the consumer leaves
// the group, exit 0. --max-records N does the same once N records have been handled (for tests).
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { createConsumer, retryAndDeadLetterTopics } from '@kafkakit/consumer'
import { consoleLogger, createClient } from '@kafkakit/core'
import { ensureTopics, intFlag, limitFlag, shutdownSignal, untilAborted } from '@kafkakit/example-support'
import { createTransactionalProducer } from '@kafkakit/producer'
import { enrichUser } from './enrich-user.js'
import {
  DEFAULT_ENRICHED_TOPIC,
  DEFAULT_GROUP,
  DEFAULT_USERS_TOPIC,
  enrichedUsersTopic,
  usersTopic,
} from './user-topics.js'

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: DEFAULT_USERS_TOPIC },
    to: { type: 'string', default: DEFAULT_ENRICHED_TOPIC },
    group: { type: 'string', default: DEFAULT_GROUP },
    'lookup-ms': { type: 'string', default: '0' },
    'max-per-transaction': { type: 'string', default: '500' },
    'max-records': { type: 'string' },
    'session-timeout-ms': { type: 'string', default: '10000' },
    partitions: { type: 'string', default: '3' },
  },
})
/** A directory lookup over the network takes time: --lookup-ms simulates it per user. */
const lookupMs = intFlag('lookup-ms', values['lookup-ms'], 0)
const maxPerTransaction = intFlag('max-per-transaction', values['max-per-transaction'])
const maxRecords = limitFlag('max-records', values['max-records'])
// A member that dies without leaving (SIGKILL) keeps its partitions this long: the restarted enricher
// waits for it. Brokers accept 6000 and more by default.
const sessionTimeoutMs = intFlag('session-timeout-ms', values['session-timeout-ms'], 1)
const partitions = intFlag('partitions', values.partitions)
const stopping = shutdownSignal()
const enough = new AbortController()

/** The records handled in this run (a record handled again after an aborted transaction counts once). */
const handled = new Set<string>()
try {
  // No brokers given: createClient() reads KAFKA_BOOTSTRAP_SERVERS. Warnings (a transaction that
  // failed, a rebalance) go to stderr as JSON lines.
  await using client = createClient({ clientId: 'user-enricher', logger: consoleLogger('warn') })
  const users = usersTopic(values.from)
  const enrichedUsers = enrichedUsersTopic(values.to)
  // A users record that cannot be decoded goes to users-dlt, in a transaction with its offset.
  const deadLetter = true
  await ensureTopics(
    client,
    [users.name, enrichedUsers.name, ...retryAndDeadLetterTopics({ topics: [users], deadLetter })],
    partitions,
  )
  // Stopped when disposed: the open transaction commits, then the consumer leaves the group.
  await using consumer = createConsumer(client, {
    groupId: values.group,
    topics: [users],
    fromBeginning: true,
    deadLetter,
    // One transactional producer per input partition, with the transactional id
    // `<group>-<topic>-<partition>`: a restarted enricher's producer fences the dead one's and
    // aborts its open transaction before anything of that partition is handled again.
    exactlyOnce: { producer: createTransactionalProducer, maxRecordsPerTransaction: maxPerTransaction },
    sessionTimeoutMs,
    heartbeatIntervalMs: Math.max(100, Math.floor(sessionTimeoutMs / 5)),
    handler: async (message, { send, signal }) => {
      if (lookupMs > 0) await sleep(lookupMs, undefined, { signal })
      const enriched = enrichUser(message.value)
      // Sent inside the transaction: it commits together with this record's offset, or not at all.
      await send(enrichedUsers, { key: message.key, value: enriched })
      const line = {
        user_id: enriched.user_id,
        partition: message.partition,
        offset: message.offset,
        company: enriched.company?.name ?? null,
        college: enriched.college?.name ?? null,
      }
      process.stdout.write(`${JSON.stringify(line)}\n`)
      handled.add(`${message.partition}@${message.offset}`)
      if (handled.size >= maxRecords) enough.abort()
    },
  })
  await consumer.start()
  console.error(
    `enriching ${users.name} → ${enrichedUsers.name} exactly once as group ${values.group} (Ctrl-C stops)`,
  )
  await untilAborted(stopping, enough.signal)
  console.error('stopping: the open transaction commits, then the enricher leaves the group')
} catch (error) {
  console.error(`user enricher failed: ${(error as Error).message}`)
  process.exitCode = 1
}
console.error(`stopped after ${handled.size} user(s)`)
