import { createRequire } from 'node:module'
import { createClient, defineTopic, string } from '@kafkakit/core'
import { createTopic } from '@kafkakit/testing'
import { context, SpanKind, trace } from '@opentelemetry/api'
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs'
import { Kafka, logLevel } from 'kafkajs'
import { expect, inject, test } from 'vitest'
import { inMemoryTracing } from '../../../test/in-memory-tracing.js'
import { createProducer } from './create-producer.js'

const { bootstrapServers } = inject('kafkakit')
const { exporter, provider } = inMemoryTracing()

test('each send is a PRODUCER span "send {topic}" with messaging attributes, and its traceparent travels in the headers', async () => {
  const name = await createTopic(bootstrapServers)
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'traced' })
  await using producer = createProducer(client)
  const parent = provider.getTracer('test').startSpan('request')
  await context.with(trace.setSpan(context.active(), parent), () =>
    producer.send(defineTopic({ name, key: string(), value: string() }), [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]),
  )
  parent.end()
  const [span] = exporter.getFinishedSpans().filter((s) => s.name === `send ${name}`)
  expect(span).toBeDefined()
  expect(span!.kind).toBe(SpanKind.PRODUCER)
  expect(span!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId)
  expect(span!.attributes).toMatchObject({
    'messaging.system': 'kafka',
    'messaging.operation.type': 'send',
    'messaging.destination.name': name,
    'messaging.client.id': 'traced',
    'messaging.batch.message_count': 2,
  })

  // The records carry the span's context: a consumer continues this trace.
  const consumer = new Kafka({ brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING }).consumer({
    groupId: `${name}-g`,
  })
  const traceparents: string[] = []
  await consumer.connect()
  await consumer.subscribe({ topic: name, fromBeginning: true })
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        traceparents.push(message.headers!.traceparent!.toString())
        if (traceparents.length === 2) resolve()
      },
    })
  })
  await consumer.disconnect()
  const { traceId, spanId } = span!.spanContext()
  expect(traceparents).toEqual([`00-${traceId}-${spanId}-01`, `00-${traceId}-${spanId}-01`])
})

test('a record that already carries a traceparent (a forwarded record) keeps it', async () => {
  const name = await createTopic(bootstrapServers)
  await using client = createClient({ brokers: bootstrapServers.split(','), clientId: 'traced' })
  await using producer = createProducer(client)
  const given = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
  await producer.send(defineTopic({ name, value: string() }), [
    { value: 'forwarded', rawHeaders: { traceparent: given } },
    { value: 'new' },
  ])
  const consumer = new Kafka({ brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING }).consumer({
    groupId: `${name}-g`,
  })
  const seen = new Map<string, string>()
  await consumer.connect()
  await consumer.subscribe({ topic: name, fromBeginning: true })
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        seen.set(message.value!.toString(), message.headers!.traceparent!.toString())
        if (seen.size === 2) resolve()
      },
    })
  })
  await consumer.disconnect()
  expect(seen.get('forwarded')).toBe(given)
  expect(seen.get('new')).not.toBe(given)
})

test('with @opentelemetry/instrumentation-kafkajs active, kafkakit makes no span of its own (no duplicates)', async () => {
  const instrumentation = new KafkaJsInstrumentation()
  instrumentation.setTracerProvider(provider)
  instrumentation.enable()
  createRequire(import.meta.url)('kafkajs')
  try {
    exporter.reset()
    const name = await createTopic(bootstrapServers)
    await using client = createClient({ brokers: bootstrapServers.split(',') })
    await using producer = createProducer(client)
    await producer.send(defineTopic({ name, value: string() }), { value: 'x' })
    const spans = exporter.getFinishedSpans()
    expect(spans.filter((s) => s.instrumentationScope.name === '@kafkakit')).toEqual([])
    expect(spans.filter((s) => s.kind === SpanKind.PRODUCER).length).toBe(1)
  } finally {
    instrumentation.disable()
  }
})
