// What a user's service does with the packed packages, against a real broker and schema registry. The one
// file of this project that uses kafkakit's API (besides the CommonJS-syntax check in src-require/): adapt
// it here when the API changes. Lifecycles use `await using`, whatever the stopping verb is called.
import { createConsumer } from '@kafkakit/consumer'
import {
  createClient,
  defineTopic,
  ErrorCode,
  json,
  KafkakitError,
  registryJson,
  string,
} from '@kafkakit/core'
import { createProducer, createTransactionalProducer } from '@kafkakit/producer'
import { uniqueName, waitFor } from '@kafkakit/testing'
import { z } from 'zod'

export interface ScenarioEnvironment {
  readonly bootstrapServers: string
  readonly schemaRegistryUrl: string
  /** e.g. 'esm-nodenext': in topic, group and transactional ids. */
  readonly label: string
}

const Order = z.object({
  id: z.string(),
  quantity: z.number().int().positive(),
  note: z.string().optional(),
})
type Order = z.infer<typeof Order>

/** Runs every step; resolves to one line per step that passed, rejects at the first that did not. */
export async function runScenario(env: ScenarioEnvironment): Promise<string[]> {
  const passed: string[] = []
  const step = async (name: string, run: () => Promise<unknown>) => {
    const started = Date.now()
    try {
      const detail = await run()
      passed.push(`${name} (${Date.now() - started} ms${typeof detail === 'string' ? `; ${detail}` : ''})`)
    } catch (error) {
      throw new Error(`step "${name}" failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      })
    }
  }
  const name = (what: string) => uniqueName(`packed-${env.label}-${what}`)

  await using client = createClient({
    brokers: env.bootstrapServers.split(','),
    clientId: `packed-${env.label}`,
    schemaRegistry: { url: env.schemaRegistryUrl },
    // A topic that does not exist must fail soon, not after kafkajs's default retries.
    retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 500 },
  })
  const orders = defineTopic({
    name: name('orders'),
    key: string(),
    value: json(Order),
    headers: { source: string() },
  })
  const transactional = defineTopic({ name: name('tx'), key: string(), value: json(Order) })
  const registered = defineTopic({
    name: name('registry'),
    key: string(),
    value: registryJson(Order, { autoRegister: true }),
  })
  const missing = defineTopic({ name: name('missing'), key: string(), value: json(Order) })

  await step('create topics (admin)', async () => {
    const admin = client.admin()
    await admin.createTopics([
      { name: orders.name, partitions: 2 },
      { name: transactional.name, partitions: 1 },
      { name: registered.name, partitions: 1 },
    ])
    const topics = await admin.listTopics()
    for (const topic of [orders, transactional, registered]) {
      if (!topics.includes(topic.name)) throw new Error(`${topic.name} is not listed`)
    }
  })

  const sentOrders: Order[] = [
    { id: 'o-1', quantity: 1 },
    { id: 'o-2', quantity: 2, note: 'gift' },
    { id: 'o-3', quantity: 3 },
  ]
  await using producer = createProducer(client)
  await step('produce', async () => {
    const sent = await producer.send(
      orders,
      sentOrders.map((order) => ({ key: order.id, value: order, headers: { source: 'packed' } })),
    )
    if (sent.length !== sentOrders.length)
      throw new Error(`${sent.length} results for ${sentOrders.length} records`)
    return `${sent.length} records`
  })

  await step('a validation error is a KafkakitError', async () => {
    const error = await producer.send(orders, { key: 'bad', value: { id: 'bad', quantity: -1 } }).then(
      () => undefined,
      (e: unknown) => e,
    )
    if (!(error instanceof KafkakitError)) throw new Error(`not a KafkakitError: ${String(error)}`)
    if (error.code !== ErrorCode.VALIDATION)
      throw new Error(`code ${error.code}, expected ${ErrorCode.VALIDATION}`)
    if (!KafkakitError.is(error, ErrorCode.VALIDATION)) throw new Error('KafkakitError.is refused it')
    return error.code
  })

  await step('a topic that does not exist (auto-create off) is a KafkakitError', async () => {
    const error = await producer.send(missing, { key: 'k', value: { id: 'm', quantity: 1 } }).then(
      () => undefined,
      (e: unknown) => e,
    )
    if (!(error instanceof KafkakitError)) throw new Error(`not a KafkakitError: ${String(error)}`)
    return `${error.code}, retriable ${error.retriable}`
  })

  const sentCommitted: Order[] = [
    { id: 't-1', quantity: 10 },
    { id: 't-2', quantity: 20 },
  ]
  await step('transactions: one aborted, one committed', async () => {
    await using tx = createTransactionalProducer(client, { transactionalId: name('txid') })
    const aborted = await tx
      .transaction(async (t) => {
        await t.send(transactional, { key: 'aborted', value: { id: 'aborted', quantity: 99 } })
        throw new Error('abort on purpose')
      })
      .then(
        () => 'committed',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      )
    if (aborted !== 'abort on purpose') throw new Error(`the failing transaction ended with: ${aborted}`)
    await tx.transaction(async (t) => {
      await t.send(
        transactional,
        sentCommitted.map((order) => ({ key: order.id, value: order })),
      )
    })
  })

  const sentRegistered: Order[] = [
    { id: 'r-1', quantity: 5 },
    { id: 'r-2', quantity: 6, note: 'avro-free' },
  ]
  await step('schema registry (registryJson): produce, Confluent framing', async () => {
    await producer.send(
      registered,
      sentRegistered.map((order) => ({ key: order.id, value: order })),
    )
    const codec = await client.codec(registered)
    const bytes = codec.encode({ key: 'r-x', value: { id: 'r-x', quantity: 1 } }).value
    if (!Buffer.isBuffer(bytes) || bytes[0] !== 0 || bytes.length < 5) throw new Error('not Confluent-framed')
    return `schema id ${bytes.readInt32BE(1)}`
  })

  await step('consume (read committed) from three topics', async () => {
    const received: { topic: string; key: string; value: Order; source: string | undefined }[] = []
    await using consumer = createConsumer(client, {
      groupId: name('group'),
      topics: [orders, transactional, registered],
      fromBeginning: true,
      readCommitted: true,
      handler: async (message) => {
        const value: Order = message.value
        const source = 'source' in message.headers ? message.headers.source : undefined
        received.push({ topic: message.topic, key: message.key, value, source })
      },
    })
    await consumer.start()
    const expected = sentOrders.length + sentCommitted.length + sentRegistered.length
    await waitFor(() => received.length >= expected, {
      timeoutMs: 45_000,
      description: `${expected} records`,
    })
    const of = (topic: string) =>
      received
        .filter((r) => r.topic === topic)
        .map((r) => r.value)
        .sort((a, b) => a.id.localeCompare(b.id))
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
    if (!same(of(orders.name), sentOrders)) throw new Error(`orders: ${JSON.stringify(of(orders.name))}`)
    if (!same(of(transactional.name), sentCommitted))
      throw new Error(
        `transactional topic (the aborted record must not show): ${JSON.stringify(of(transactional.name))}`,
      )
    if (!same(of(registered.name), sentRegistered))
      throw new Error(`registry topic: ${JSON.stringify(of(registered.name))}`)
    if (received.some((r) => r.topic === orders.name && (r.source !== 'packed' || r.key !== r.value.id)))
      throw new Error('a key or header did not come through')
    return `${received.length} records`
  })

  return passed
}
