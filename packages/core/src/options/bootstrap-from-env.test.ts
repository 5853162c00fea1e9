import { expect, test } from 'vitest'
import { bootstrapFromEnv } from './bootstrap-from-env.js'

test('splits KAFKA_BOOTSTRAP_SERVERS on commas and ignores blanks', () => {
  expect(bootstrapFromEnv({ KAFKA_BOOTSTRAP_SERVERS: ' a:9092, b:9093 ,,' })).toEqual(['a:9092', 'b:9093'])
  expect(bootstrapFromEnv({ KAFKA_BOOTSTRAP_SERVERS: ' , ' })).toBeUndefined()
  expect(bootstrapFromEnv({})).toBeUndefined()
})
