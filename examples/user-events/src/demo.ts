// `npm run demo` (at the repository root): the user-events producer and consumer of this folder, run as
// two processes against Kafka, the way the seed runs user_event_producer.py and user_event_consumer.py.
// KAFKA_BOOTSTRAP_SERVERS set: that cluster is used. Unset: @kafkakit/testing starts a throwaway broker
// (testcontainers when a container runtime is found, else the real Apache Kafka on the local JVM) and
// stops it at the end. Exits 0 when every event produced was consumed.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createClient } from '@kafkakit/core'
import { ensureTopics, shutdownSignal } from '@kafkakit/example-support'
import { DEFAULT_KAFKA_VERSION, type KafkaCluster, startKafka } from '@kafkakit/testing'
import { DEFAULT_GROUP, DEFAULT_TOPIC, type UserEvent } from './topic.js'

const EVENTS = 5
const INTERVAL_MS = 300
/** How long the consumer may take to print the last event once the producer is done. */
const CONSUME_TIMEOUT_MS = 60_000

const demoStarted = Date.now()
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`
const say = (line: string) => process.stdout.write(`${line}\n`)

/** Prints the seconds that pass while `work` runs: in place on a terminal, every 5 s in a log. */
async function withProgress<T>(label: string, work: Promise<T>): Promise<T> {
  const tty = process.stdout.isTTY
  let ticks = 0
  const timer = setInterval(() => {
    ticks++
    if (tty) process.stdout.write(`\r  ${label}... ${ticks} s `)
    else if (ticks % 5 === 0) say(`  ${label}... ${ticks} s`)
  }, 1000)
  try {
    return await work
  } finally {
    clearInterval(timer)
    if (tty && ticks > 0) process.stdout.write('\r\x1b[K')
  }
}

/** Runs one of this folder's scripts with tsx, its stdout read line by line, its stderr kept for errors. */
function runScript(script: string, args: string[], bootstrapServers: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, KAFKA_BOOTSTRAP_SERVERS: bootstrapServers },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000)
  })
  // 'close': the process has exited and its output has been read to the end.
  const exited = once(child, 'close').then(([code]) => code as number | null)
  return { child, lines: createInterface({ input: child.stdout! }), exited, stderr: () => stderr }
}

async function demo(stopping: AbortSignal): Promise<void> {
  say('kafkakit demo: the user-events producer and consumer (examples/user-events)')
  let cluster: KafkaCluster | undefined
  let bootstrapServers = process.env.KAFKA_BOOTSTRAP_SERVERS
  const children: ChildProcess[] = []
  try {
    if (bootstrapServers) {
      say(`Using the Kafka cluster in KAFKA_BOOTSTRAP_SERVERS (${bootstrapServers}).`)
    } else {
      say(
        'KAFKA_BOOTSTRAP_SERVERS is not set: starting a throwaway Apache Kafka broker with @kafkakit/testing.',
      )
      say(
        `  On the local JVM, the first run downloads Apache Kafka ${DEFAULT_KAFKA_VERSION}'s jars with Maven (about 45 MB,\n` +
          "  into Maven's local repository, ~/.m2); later runs reuse them and start in a few seconds.",
      )
      const starting = Date.now()
      cluster = await withProgress('starting Kafka', startKafka({ signal: stopping }))
      bootstrapServers = cluster.bootstrapServers
      say(
        `Kafka ${cluster.kafkaVersion ?? ''} is up at ${bootstrapServers} (${cluster.mode} mode) after ${elapsed(starting)}.`,
      )
    }

    // The topic is made here, before both scripts start (each would also make it if missing).
    await using client = createClient({ clientId: 'kafkakit-demo', brokers: bootstrapServers.split(',') })
    await ensureTopics(client, [DEFAULT_TOPIC])

    say(
      `\nProducing ${EVENTS} events to ${DEFAULT_TOPIC}, one every ${INTERVAL_MS} ms; consuming them as group ${DEFAULT_GROUP}:`,
    )
    const sent = new Set<string>()
    const received = new Map<string, number>()
    const consumer = runScript('./consumer.ts', [], bootstrapServers)
    const producer = runScript(
      './producer.ts',
      ['--count', String(EVENTS), '--interval-ms', String(INTERVAL_MS)],
      bootstrapServers,
    )
    children.push(consumer.child, producer.child)
    let everyEventConsumed: () => void = () => undefined
    const consumed = new Promise<void>((resolve) => {
      everyEventConsumed = resolve
    })
    let producerDone = false
    const check = () => {
      if (producerDone && [...sent].every((id) => received.has(id))) everyEventConsumed()
    }
    producer.lines.on('line', (line) => {
      sent.add((JSON.parse(line) as UserEvent).event_id)
      say(`  producer → ${line}`)
    })
    consumer.lines.on('line', (line) => {
      const id = (JSON.parse(line) as UserEvent).event_id
      received.set(id, (received.get(id) ?? 0) + 1)
      say(`  consumer ← ${line}`)
      check()
    })

    const producerCode = await Promise.race([producer.exited, consumer.exited.then(() => 'consumer')])
    if (producerCode === 'consumer') throw new Error(`the consumer exited early:\n${consumer.stderr()}`)
    if (producerCode !== 0)
      throw new Error(`the producer failed (exit ${producerCode}):\n${producer.stderr()}`)
    producerDone = true
    check()
    const outcome = await Promise.race([
      consumed.then(() => 'consumed'),
      consumer.exited.then(() => 'consumer exited'),
      new Promise((resolve) => setTimeout(resolve, CONSUME_TIMEOUT_MS, 'timeout').unref()),
      once(stopping, 'abort').then(() => 'interrupted'),
    ])
    if (outcome !== 'consumed') {
      throw new Error(
        `${outcome === 'timeout' ? `the consumer did not print every event within ${CONSUME_TIMEOUT_MS / 1000} s` : outcome}:\n${consumer.stderr()}`,
      )
    }
    const twice = [...received.values()].filter((n) => n > 1).length
    const older = [...received.keys()].filter((id) => !sent.has(id)).length
    say(
      `\n${sent.size} events sent, ${sent.size} received${twice ? `, ${twice} of them more than once` : ', each once'}` +
        `${older ? ` (and ${older} left on the topic by earlier runs)` : ''}.`,
    )
    // The consumer commits, leaves its group and exits 0; its last fetch may wait up to 5 s for records.
    say('Stopping the consumer...')
    consumer.child.kill('SIGTERM')
    const consumerCode = await consumer.exited
    if (consumerCode !== 0)
      throw new Error(`the consumer failed (exit ${consumerCode}):\n${consumer.stderr()}`)
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
    if (cluster) {
      await cluster.stop()
      say('Kafka stopped.')
    }
  }
}

// Ctrl-C or SIGTERM: the scripts and the broker are stopped, exit 130; a second one exits at once.
const interrupted = shutdownSignal()
try {
  await demo(interrupted)
  say(`Demo done in ${elapsed(demoStarted)}. Next: see "Examples" in README.md.`)
} catch (error) {
  console.error(`\nkafkakit demo failed: ${(error as Error).message}`)
  process.exitCode = interrupted.aborted ? 130 : 1
}
