import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SchemaRegistry as ConfluentClient } from '@kafkajs/confluent-schema-registry'
import { uniqueName } from '@kafkakit/testing'
import { Kafka, logLevel } from 'kafkajs'
import { expect, inject, test } from 'vitest'
import { exampleDir, runExample } from '../../../test/examples/run-example.js'

// The example's real producer and consumer processes against the test broker and a real schema registry
// (Apicurio, Confluent API); the raw records are checked with clients that share no code with kafkakit.
const { bootstrapServers, schemaRegistryUrl } = inject('kafkakit')
const kafka = new Kafka({ brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING })
const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrapServers, SCHEMA_REGISTRY_URL: schemaRegistryUrl }

/** The sample file's orders, read here without the example's parser: `{n:{...}}` → `{...}`. */
const expected = readFileSync(`${exampleDir('orders-avro')}orders.txt`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line.replace(/^\{\d+:/, '').slice(0, -1)) as Record<string, unknown>)

/** Every record of `topic` as raw bytes, read with plain kafkajs. */
async function rawRecords(topic: string, count: number) {
  const consumer = kafka.consumer({ groupId: uniqueName('raw') })
  const records: { key: string; value: Buffer }[] = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${records.length} of ${count} records`)), 60_000)
      void consumer.run({
        eachMessage: async ({ message }) => {
          records.push({ key: message.key!.toString(), value: message.value! })
          if (records.length === count) {
            clearTimeout(timer)
            resolve()
          }
        },
      })
    })
  } finally {
    await consumer.disconnect()
  }
  return records
}

test('orders.txt → Avro through the registry → printed as JSON lines equal to the file; the records are Confluent wire format', async () => {
  expect(expected).toHaveLength(5)
  const topic = uniqueName('orders')
  const produced = runExample('orders-avro', ['src/produce-orders.ts', `--topic=${topic}`], { env })
  const producedResult = await produced.done
  expect(producedResult, producedResult.stderr).toMatchObject({ code: 0 })
  expect(producedResult.stderr).toContain(`5 orders from orders.txt sent to ${topic} as Avro`)

  const consumed = runExample(
    'orders-avro',
    ['src/consume-orders.ts', `--topic=${topic}`, `--group=${uniqueName('order-printer')}`, '--max-orders=5'],
    { env },
  )
  const consumedResult = await consumed.done
  expect(consumedResult, consumedResult.stderr).toMatchObject({ code: 0 })
  expect(consumed.lines.map((line) => JSON.parse(line))).toEqual(expected)

  // On the topic: magic byte 0, then the id the registry gave the subject <topic>-value, then Avro that
  // another registry client decodes with the schema it fetches by that id.
  const registry = new ConfluentClient({ host: schemaRegistryUrl! })
  const id = await registry.getLatestSchemaId(`${topic}-value`)
  const records = await rawRecords(topic, expected.length)
  for (const record of records) {
    expect(record.value[0]).toBe(0)
    expect(record.value.readInt32BE(1)).toBe(id)
  }
  const decoded = await Promise.all(
    records.map(async (r) => ({ key: r.key, value: await registry.decode(r.value) })),
  )
  expect(decoded).toEqual(expected.map((order) => ({ key: String(order.order_id), value: order })))
  expect(((await registry.getSchema(id)) as { name?: string }).name).toBe('shop.Order')
})

test('a bad line stops the producer before anything is sent, naming the line', async () => {
  const topic = uniqueName('orders')
  const dir = await mkdtemp(join(tmpdir(), 'orders-'))
  const badFile = join(dir, 'orders.txt')
  const sample = readFileSync(`${exampleDir('orders-avro')}orders.txt`, 'utf8')
  writeFileSync(
    badFile,
    `${sample}{6:{"order_id":6,"order_ts":1,"total_amount":"a lot","customer_name":"X"}}\n`,
  )
  try {
    const run = runExample(
      'orders-avro',
      ['src/produce-orders.ts', `--topic=${topic}`, `--file=${badFile}`],
      {
        env,
      },
    )
    const { code, stderr } = await run.done
    expect(code).toBe(1)
    expect(stderr).toMatch(/orders producer failed: line 6: total_amount: /)
    expect(run.lines).toEqual([])
    // Refused while reading the file: not even the topic was made.
    const admin = kafka.admin()
    await admin.connect()
    expect(await admin.listTopics().finally(() => admin.disconnect())).not.toContain(topic)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
