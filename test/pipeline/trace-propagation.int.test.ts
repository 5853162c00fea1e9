import { createRequire } from 'node:module'
import { createConsumer } from '@kafkakit/consumer'
import { createClient, defineTopic, string } from '@kafkakit/core'
import { createProducer, createTransactionalProducer } from '@kafkakit/producer'
import { createTopic, uniqueName, waitFor } from '@kafkakit/testing'
import { SpanKind } from '@opentelemetry/api'
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs'
import { expect, inject, test } from 'vitest'
import { inMemoryTracing } from '../in-memory-tracing.js'

// One trace from the producer, through the consumer's `process` span, to what the handler sends on.
const { bootstrapServers } = inject('kafkakit')
const { exporter, provider } = inMemoryTracing()

test('the consumer\'s "process {topic}" CONSUMER span continues the producer\'s trace (child and link) with group, partition and offset; what the handler sends continues it further', async () => {
  const inName = await createTopic(bootstrapServers, { partitions: 1 })
  const outName = await createTopic(bootstrapServers, { partitions: 1 })
  const input = defineTopic({ name: inName, key: string(), value: string() })
  const output = defineTopic({ name: outName, key: string(), value: string() })
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'traced' })
  await using producer = createProducer(client)
  await producer.send(input, { key: 'k', value: 'hello' })

  const groupId = uniqueName('g')
  let handled = false
  await using consumer = createConsumer(client, {
    groupId,
    topics: [input],
    fromBeginning: true,
    exactlyOnce: { producer: createTransactionalProducer },
    handler: async (message, { send }) => {
      await send(output, { key: message.key, value: message.value.toUpperCase() })
      handled = true
    },
  })
  await consumer.start()
  await waitFor(() => handled, { timeoutMs: 60_000, description: 'the record' })
  await waitFor(() => exporter.getFinishedSpans().some((s) => s.name === `send ${outName}`), {
    timeoutMs: 10_000,
    description: 'the spans',
  })

  const spans = exporter.getFinishedSpans()
  const sent = spans.find((s) => s.name === `send ${inName}`)!
  const processed = spans.find((s) => s.name === `process ${inName}`)!
  const forwarded = spans.find((s) => s.name === `send ${outName}`)!
  expect(processed.kind).toBe(SpanKind.CONSUMER)
  expect(processed.spanContext().traceId).toBe(sent.spanContext().traceId)
  expect(processed.parentSpanContext?.spanId).toBe(sent.spanContext().spanId)
  expect(processed.links.map((l) => l.context.spanId)).toEqual([sent.spanContext().spanId])
  expect(processed.attributes).toMatchObject({
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': inName,
    'messaging.consumer.group.name': groupId,
    'messaging.destination.partition.id': '0',
    'messaging.kafka.offset': 0,
  })
  expect(forwarded.parentSpanContext?.spanId).toBe(processed.spanContext().spanId)
  expect(forwarded.spanContext().traceId).toBe(sent.spanContext().traceId)
})

test("a failing handler's span records the error", async () => {
  exporter.reset()
  const name = await createTopic(bootstrapServers, { partitions: 1 })
  const topic = defineTopic({ name, key: string(), value: string() })
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'traced' })
  await using producer = createProducer(client)
  await producer.send(topic, { key: 'k', value: 'v' })
  let calls = 0
  await using consumer = createConsumer(client, {
    groupId: uniqueName('g'),
    topics: [topic],
    fromBeginning: true,
    retry: { attempts: 2, initialDelayMs: 10 },
    handler: () => {
      calls++
      if (calls === 1) throw new Error('first attempt fails')
    },
  })
  await consumer.start()
  await waitFor(() => exporter.getFinishedSpans().filter((s) => s.name === `process ${name}`).length === 2, {
    timeoutMs: 60_000,
    description: 'two process spans',
  })
  const [failed, succeeded] = exporter.getFinishedSpans().filter((s) => s.name === `process ${name}`)
  expect(failed!.status.code).toBe(2)
  expect(failed!.attributes).toMatchObject({ 'error.type': 'Error', 'kafkakit.attempt': 1 })
  expect(succeeded!.status.code).toBe(0)
  expect(succeeded!.attributes['kafkakit.attempt']).toBe(2)
})

test('with @opentelemetry/instrumentation-kafkajs active, the consumer makes no process span of its own (no duplicates)', async () => {
  const instrumentation = new KafkaJsInstrumentation()
  instrumentation.setTracerProvider(provider)
  instrumentation.enable()
  createRequire(import.meta.url)('kafkajs')
  try {
    exporter.reset()
    const name = await createTopic(bootstrapServers, { partitions: 1 })
    const topic = defineTopic({ name, key: string(), value: string() })
    await using client = createClient({ brokers: bootstrapServers.split(',') })
    await using producer = createProducer(client)
    await producer.send(topic, { key: 'k', value: 'v' })
    let handled = false
    await using consumer = createConsumer(client, {
      groupId: uniqueName('g'),
      topics: [topic],
      fromBeginning: true,
      handler: () => {
        handled = true
      },
    })
    await consumer.start()
    await waitFor(() => handled, { timeoutMs: 60_000, description: 'the record' })
    await consumer.stop()
    const spans = exporter.getFinishedSpans()
    expect(spans.filter((s) => s.instrumentationScope.name === '@kafkakit')).toEqual([])
    expect(
      spans.filter((s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.destination.name'] === name)
        .length,
    ).toBeGreaterThanOrEqual(1)
  } finally {
    instrumentation.disable()
  }
})
