import { createClient } from '@kafkakit/core'
import { uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { runExample } from '../../../test/examples/run-example.js'
import { DIRECTORY } from './directory.js'
import { EnrichedUser, User } from './user-topics.js'

// The example's real processes (through tsx, as its npm scripts run them) against the test broker: users
// produced, the enricher SIGKILLed in the middle of a transaction and restarted, then enriched-users read
// with read_committed isolation. Topic and group names are unique per test.
const { bootstrapServers } = inject('kafkakit')
const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrapServers }
const USERS = 150
const PER_TRANSACTION = 20
const LOOKUP_MS = 30

/** One line of the enricher's stdout: a user it sent inside a transaction. */
interface Handled {
  readonly user_id: string
  readonly partition: number
  readonly offset: string
}
const handled = (lines: readonly string[]) => lines.map((line) => JSON.parse(line) as Handled)
const where = (h: Handled) => `${h.partition}@${h.offset}`

test('SIGKILLed mid-transaction and restarted, the enricher leaves each user exactly once in enriched-users (read_committed), correctly enriched; the aborted attempts stay invisible', {
  timeout: 240_000,
}, async () => {
  const usersTopic = uniqueName('users')
  const enrichedTopic = uniqueName('enriched-users')
  const group = uniqueName('user-enricher')

  const producer = runExample(
    'enrich-exactly-once',
    ['src/produce-users.ts', `--topic=${usersTopic}`, `--count=${USERS}`],
    { env },
  )
  const produced = await producer.done
  expect(produced, produced.stderr).toMatchObject({ code: 0 })
  const users = producer.lines.map((line) => User.parse(JSON.parse(line)))
  expect(users).toHaveLength(USERS)

  const enricher = (extra: string[] = []) =>
    runExample(
      'enrich-exactly-once',
      [
        'src/enrich.ts',
        `--from=${usersTopic}`,
        `--to=${enrichedTopic}`,
        `--group=${group}`,
        `--lookup-ms=${LOOKUP_MS}`,
        `--max-per-transaction=${PER_TRANSACTION}`,
        '--session-timeout-ms=6000',
        ...extra,
      ],
      { env },
    )

  // Every partition was produced before the enricher starts, so it gets each partition in one batch and
  // its transactions cover offsets 0-19, 20-39, ...: killed just after the 2nd to 7th user of a
  // transaction, at least 13 users (390 ms) remain before that transaction could commit.
  const first = enricher()
  await waitFor(
    () => {
      const last = first.lines.at(-1)
      if (first.lines.length < USERS / 3 || last === undefined) return false
      const position = Number((JSON.parse(last) as Handled).offset) % PER_TRANSACTION
      return position >= 1 && position <= 6
    },
    { timeoutMs: 120_000, intervalMs: 5, description: 'the enricher a third through, inside a transaction' },
  )
  first.child.kill('SIGKILL')
  const killed = await first.done
  expect(killed.signal, killed.stderr).toBe('SIGKILL')

  // What the killed enricher committed: its transactions' offsets. What it sent after them was in the
  // open transaction.
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'enrich-test' })
  const committed = new Map<number, number>()
  {
    await using admin = client.admin()
    for (const p of await admin.committedOffsets(group, [usersTopic]))
      committed.set(p.partition, Math.max(0, Number(p.offset)))
  }
  const committedCount = [...committed.values()].reduce((sum, n) => sum + n, 0)
  const firstRun = handled(first.lines)
  const inFlight = firstRun.filter((h) => Number(h.offset) >= committed.get(h.partition)!)
  expect(committedCount).toBeGreaterThan(0)
  expect(committedCount).toBeLessThan(USERS)
  expect(inFlight.length, 'users sent in the transaction the kill left open').toBeGreaterThan(0)

  // Restarted: it fences the dead enricher's transactional producer (aborting the open transaction) and
  // handles everything after the committed offsets: the in-flight users a second time.
  const second = enricher([`--max-records=${USERS - committedCount}`])
  const restarted = await second.done
  expect(restarted, restarted.stderr).toMatchObject({ code: 0 })
  const secondRun = handled(second.lines)
  expect(new Set(secondRun.map(where)).size).toBe(USERS - committedCount)
  expect(secondRun.every((h) => Number(h.offset) >= committed.get(h.partition)!)).toBe(true)
  expect(secondRun.map(where)).toEqual(expect.arrayContaining(inFlight.map(where)))
  expect(new Set([...firstRun, ...secondRun].map((h) => h.user_id))).toEqual(
    new Set(users.map((u) => u.user_id)),
  )

  // read_committed: each user once, enriched from the directory.
  const reader = runExample('enrich-exactly-once', ['src/read-enriched.ts', `--topic=${enrichedTopic}`], {
    env,
  })
  const read = await reader.done
  expect(read, read.stderr).toMatchObject({ code: 0 })
  const enriched = reader.lines.map((line) => EnrichedUser.parse(JSON.parse(line)))
  expect(enriched).toHaveLength(USERS)
  const byId = new Map(enriched.map((e) => [e.user_id, e]))
  expect(byId.size).toBe(USERS)
  for (const user of users) {
    expect(byId.get(user.user_id)).toEqual({
      ...user,
      company: DIRECTORY.companies.get(user.company_id) ?? null,
      college: DIRECTORY.colleges.get(user.college_id) ?? null,
    })
  }
  expect(read.stderr).toContain(`${USERS} record(s), ${USERS} distinct user(s)`)

  // read_uncommitted: the aborted transaction's records are in the log too.
  const rawReader = runExample(
    'enrich-exactly-once',
    ['src/read-enriched.ts', `--topic=${enrichedTopic}`, '--read-uncommitted'],
    { env },
  )
  const rawRead = await rawReader.done
  expect(rawRead, rawRead.stderr).toMatchObject({ code: 0 })
  expect(rawReader.lines.length).toBeGreaterThanOrEqual(USERS + inFlight.length)
  expect(new Set(rawReader.lines.map((line) => (JSON.parse(line) as Handled).user_id)).size).toBe(USERS)
})

test('SIGTERM: a running enricher commits its open transaction, leaves the group and exits 0', async () => {
  const usersTopic = uniqueName('users')
  const enrichedTopic = uniqueName('enriched-users')
  const group = uniqueName('user-enricher')
  const producer = runExample(
    'enrich-exactly-once',
    ['src/produce-users.ts', `--topic=${usersTopic}`, '--count=40'],
    {
      env,
    },
  )
  expect((await producer.done).code).toBe(0)
  const enricher = runExample(
    'enrich-exactly-once',
    ['src/enrich.ts', `--from=${usersTopic}`, `--to=${enrichedTopic}`, `--group=${group}`, '--lookup-ms=20'],
    { env },
  )
  await waitFor(() => enricher.lines.length >= 5, { timeoutMs: 60_000, description: 'five users handled' })
  enricher.child.kill('SIGTERM')
  const stopped = await enricher.done
  expect(stopped, stopped.stderr).toMatchObject({ code: 0, signal: null })
  // Everything it printed was committed, with its offsets: read_committed sees exactly those users.
  const printed = handled(enricher.lines)
  const reader = runExample(
    'enrich-exactly-once',
    ['src/read-enriched.ts', `--topic=${enrichedTopic}`, '--timeout-ms=3000'],
    { env },
  )
  expect((await reader.done).code).toBe(0)
  expect(new Set(reader.lines.map((line) => (JSON.parse(line) as Handled).user_id))).toEqual(
    new Set(printed.map((h) => h.user_id)),
  )
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'enrich-test' })
  await using admin = client.admin()
  const committed = (await admin.committedOffsets(group, [usersTopic])).reduce(
    (sum, p) => sum + Math.max(0, Number(p.offset)),
    0,
  )
  expect(committed).toBe(printed.length)
})
