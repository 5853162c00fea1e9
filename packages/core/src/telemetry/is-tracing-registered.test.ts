import { propagation, trace } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base'
import { afterEach, expect, test } from 'vitest'
import { isTracingRegistered } from './is-tracing-registered.js'

afterEach(() => {
  trace.disable()
  propagation.disable()
})

test('nothing registered: no tracing', () => {
  expect(isTracingRegistered()).toBe(false)
})

test('a tracer provider registered, now or after the first call', () => {
  expect(isTracingRegistered()).toBe(false)
  trace.setGlobalTracerProvider(new BasicTracerProvider())
  expect(isTracingRegistered()).toBe(true)
  trace.disable()
  expect(isTracingRegistered()).toBe(false)
})

test('only a propagator registered: trace contexts are still carried', () => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  expect(isTracingRegistered()).toBe(true)
})
