import { fileURLToPath } from 'node:url'
import { expect, inject, test } from 'vitest'
import { runExample } from '../../../test/examples/run-example.js'
import { UserEvent } from './topic.js'

// `npm run demo` at the repository root, as the README's first command runs it.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function runDemo(env: Record<string, string | undefined>) {
  return runExample('user-events', ['--prefix', repoRoot, 'run', 'demo'], { command: npm, env })
}

/** The events the demo's producer and consumer printed, and its closing line. */
function demoOutput(lines: readonly string[]) {
  const events = (arrow: string) =>
    lines
      .filter((line) => line.startsWith(`  ${arrow} `))
      .map((line) => UserEvent.parse(JSON.parse(line.slice(arrow.length + 3))).event_id)
  return { sent: events('producer →'), received: events('consumer ←') }
}

test('npm run demo with KAFKA_BOOTSTRAP_SERVERS set: 5 events produced and consumed on that cluster, exit 0', async () => {
  const demo = runDemo({ KAFKA_BOOTSTRAP_SERVERS: inject('kafkakit').bootstrapServers })
  const { code, stderr } = await demo.done
  expect(code, `${demo.lines.join('\n')}\n${stderr}`).toBe(0)
  const { sent, received } = demoOutput(demo.lines)
  expect(sent).toHaveLength(5)
  expect(received).toEqual(expect.arrayContaining(sent))
  expect(demo.lines).toContain(
    `Using the Kafka cluster in KAFKA_BOOTSTRAP_SERVERS (${inject('kafkakit').bootstrapServers}).`,
  )
  expect(demo.lines.join('\n')).toMatch(/5 events sent, 5 received, each once/)
  expect(demo.lines.join('\n')).not.toMatch(/starting Kafka/)
})

test('npm run demo without KAFKA_BOOTSTRAP_SERVERS starts its own broker, shows its progress, stops it and exits 0', {
  timeout: 300_000,
}, async () => {
  const demo = runDemo({ KAFKA_BOOTSTRAP_SERVERS: undefined })
  const { code, stderr } = await demo.done
  const output = demo.lines.join('\n')
  expect(code, `${output}\n${stderr}`).toBe(0)
  expect(output).toContain('KAFKA_BOOTSTRAP_SERVERS is not set: starting a throwaway Apache Kafka broker')
  expect(output).toContain('the first run downloads Apache Kafka')
  expect(output).toMatch(
    /Kafka 4\.\d+\.\d+ is up at 127\.0\.0\.1:\d+ \((local|container) mode\) after \d+\.\d s\./,
  )
  const { sent, received } = demoOutput(demo.lines)
  expect(sent).toHaveLength(5)
  // A fresh broker: the consumer sees exactly this run's events.
  expect([...received].sort()).toEqual([...sent].sort())
  expect(output).toMatch(
    /5 events sent, 5 received, each once\.\nStopping the consumer\.\.\.\nKafka stopped\.\nDemo done in \d+\.\d s/,
  )
})
