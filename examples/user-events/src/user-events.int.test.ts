import { uniqueName, waitFor } from '@kafkakit/testing'
import { expect, inject, test } from 'vitest'
import { runExample } from '../../../test/examples/run-example.js'
import { UserEvent } from './topic.js'

// The example's real producer and consumer processes (through tsx, as `npm run producer/consumer` runs
// them), against the test broker; topic and group are unique per test instead of the seed's names.
const env = { KAFKA_BOOTSTRAP_SERVERS: inject('kafkakit').bootstrapServers }

/** Each line is one JSON user event in the seed's field order; returns them. */
function parseEvents(lines: readonly string[]): UserEvent[] {
  return lines.map((line) => {
    const event = UserEvent.parse(JSON.parse(line))
    expect(Object.keys(JSON.parse(line))).toEqual(['event_id', 'event_datetime', 'event_type'])
    return event
  })
}

test('producer and consumer run side by side: every event produced is printed once by the consumer, as a valid JSON line', async () => {
  const topic = uniqueName('events')
  const group = uniqueName('event-collector')
  const count = 12
  const consumer = runExample(
    'user-events',
    ['src/consumer.ts', `--topic=${topic}`, `--group=${group}`, `--max-events=${count}`],
    { env },
  )
  const producer = runExample(
    'user-events',
    ['src/producer.ts', `--topic=${topic}`, `--count=${count}`, '--interval-ms=50'],
    { env },
  )

  const produced = await producer.done
  expect(produced, produced.stderr).toMatchObject({ code: 0 })
  const consumed = await consumer.done
  expect(consumed, consumed.stderr).toMatchObject({ code: 0 })

  const sent = parseEvents(producer.lines)
  const received = parseEvents(consumer.lines)
  expect(sent).toHaveLength(count)
  expect(new Set(sent.map((e) => e.event_id)).size).toBe(count)
  // Exactly once each, byte for byte what the producer sent (one partition: in order, too).
  expect(consumer.lines).toEqual(producer.lines)
  expect(received).toEqual(sent)
  expect(consumed.stderr).toContain(`stopped after ${count} event(s)`)
})

test('SIGTERM: a producer running forever flushes and exits 0; with --max-events the rest waits for the group’s next run', async () => {
  const topic = uniqueName('events')
  const group = uniqueName('event-collector')
  const producer = runExample('user-events', ['src/producer.ts', `--topic=${topic}`, '--interval-ms=100'], {
    env,
  })
  await waitFor(() => producer.lines.length >= 5, { timeoutMs: 60_000, description: 'five events sent' })
  producer.child.kill('SIGTERM')
  const produced = await producer.done
  expect(produced, produced.stderr).toMatchObject({ code: 0, signal: null })
  const sent = producer.lines
  expect(sent.length).toBeGreaterThanOrEqual(5)

  const first = runExample(
    'user-events',
    ['src/consumer.ts', `--topic=${topic}`, `--group=${group}`, '--max-events=2'],
    {
      env,
    },
  )
  expect((await first.done).code).toBe(0)
  const second = runExample(
    'user-events',
    ['src/consumer.ts', `--topic=${topic}`, `--group=${group}`, `--max-events=${sent.length - 2}`],
    { env },
  )
  expect((await second.done).code).toBe(0)
  expect([...first.lines, ...second.lines]).toEqual(sent)
})

test('without KAFKA_BOOTSTRAP_SERVERS the producer says what to set and exits 1', async () => {
  const run = runExample('user-events', ['src/producer.ts', '--count=1'], {
    env: { KAFKA_BOOTSTRAP_SERVERS: undefined },
  })
  const { code, stderr } = await run.done
  expect(code).not.toBe(0)
  expect(stderr).toContain('KAFKA_BOOTSTRAP_SERVERS')
  expect(run.lines).toEqual([])
})
