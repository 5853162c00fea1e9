import kafkajs from 'kafkajs'
import { expect, test } from 'vitest'
import type { Logger } from '../logging/logger.js'
import { kafkajsLogCreator } from './kafkajs-log-creator.js'

const { logLevel } = kafkajs

function recording() {
  const entries: [string, Record<string, unknown>, string][] = []
  const at = (level: string) => (fields: Record<string, unknown>, message: string) =>
    void entries.push([level, fields, message])
  const logger = {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
  } as unknown as Logger
  return { logger, entries }
}

test('kafkajs entries reach the logger at their level, redacted; per-request error answers and the retries warning go to debug', () => {
  const { logger, entries } = recording()
  const log = kafkajsLogCreator(logger)(logLevel.DEBUG)
  const entry = (namespace: string, level: number, message: string, extra: Record<string, unknown> = {}) =>
    log({ namespace, level, label: '', log: { message, timestamp: 'now', logger: 'kafkajs', ...extra } })
  entry('Consumer', logLevel.ERROR, 'Crash: something', { password: 'secret' })
  entry('Connection', logLevel.ERROR, 'Response CreateTopics(key: 19, version: 3)', {
    error: 'Topic with this name already exists',
  })
  entry(
    'Producer',
    logLevel.WARN,
    'Limiting retries for the idempotent producer may invalidate EoS guarantees',
  )
  expect(entries.map(([level, , message]) => [level, message])).toEqual([
    ['error', 'Crash: something'],
    ['debug', 'Response CreateTopics(key: 19, version: 3)'],
    ['debug', 'Limiting retries for the idempotent producer may invalidate EoS guarantees'],
  ])
  expect(JSON.stringify(entries[0]![1])).not.toContain('secret')
})
