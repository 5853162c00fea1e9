import { context, propagation, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { extractTraceContext, injectTraceContext } from './trace-context.js'

beforeAll(() => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
})
afterAll(() => {
  propagation.disable()
})

test('the W3C traceparent travels in Kafka headers as bytes and comes back as the same span context', () => {
  const spanContext = {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: TraceFlags.SAMPLED,
  }
  const headers: { [name: string]: Buffer } = {}
  injectTraceContext(headers, trace.setSpanContext(ROOT_CONTEXT, spanContext))
  expect(headers.traceparent).toEqual(Buffer.from('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'))

  const extracted = trace.getSpanContext(
    extractTraceContext({ ...headers, other: [Buffer.from('a'), Buffer.from('b')] }),
  )
  expect(extracted).toMatchObject({ ...spanContext, isRemote: true })
})

test('without a traceparent header nothing is extracted', () => {
  expect(trace.getSpanContext(extractTraceContext({}, context.active()))).toBeUndefined()
})
