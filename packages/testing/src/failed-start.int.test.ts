import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { expect, test } from 'vitest'
import { startKafka } from './start-kafka.js'

test('a broker that cannot start fails fast with KAFKAKIT_START_FAILED, and its log is kept and named', async () => {
  const started = Date.now()
  const error = await startKafka({
    mode: 'local',
    brokerConfig: { 'log.retention.hours': 'not-a-number' },
  }).catch((e) => e)
  expect(error).toMatchObject({ name: 'KafkakitError', code: 'KAFKAKIT_START_FAILED' })
  const [log] = error.details.logs as string[]
  expect(error.message).toContain(log)
  expect(existsSync(log!)).toBe(true)
  expect(readFileSync(log!, 'utf8')).toMatch(/log\.retention\.hours/)
  // It failed because the process exited, not because a timeout ran out.
  expect(Date.now() - started).toBeLessThan(60_000)
  await rm(dirname(dirname(log!)), { recursive: true, force: true })
})
