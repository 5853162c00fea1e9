import { createRequire } from 'node:module'
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs'
import { expect, test } from 'vitest'
import { isKafkajsInstrumented } from './kafkajs-instrumentation.js'

test('detects when @opentelemetry/instrumentation-kafkajs has patched kafkajs, so kafkakit makes no duplicate spans', () => {
  expect(isKafkajsInstrumented()).toBe(false)
  // The instrumentation patches kafkajs's exports (shared with kafkakit's import) when kafkajs is required.
  const instrumentation = new KafkaJsInstrumentation()
  instrumentation.enable()
  createRequire(import.meta.url)('kafkajs')
  expect(isKafkajsInstrumented()).toBe(true)
  instrumentation.disable()
  expect(isKafkajsInstrumented()).toBe(false)
})
