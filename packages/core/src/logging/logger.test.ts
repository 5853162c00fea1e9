import { expect, test, vi } from 'vitest'
import { kafkajsLogCreator } from '../kafkajs/kafkajs-log-creator.js'
import { consoleLogger, type Logger, redact, silentLogger } from './logger.js'

test('redact replaces credentials and payloads and keeps the rest', () => {
  expect(
    redact({ broker: 'k:9092', password: 'p', saslMechanism: 'plain', value: 'secret', retryCount: 2 }),
  ).toEqual({
    broker: 'k:9092',
    password: '[redacted]',
    saslMechanism: '[redacted]',
    value: '[payload omitted]',
    retryCount: 2,
  })
})

test('kafkajs log entries reach the kafkakit logger at their level, redacted', () => {
  const logger: Logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() }
  const log = kafkajsLogCreator(logger)(0)
  log({
    namespace: 'Connection',
    level: 1,
    label: 'ERROR',
    log: { message: 'Connection error', timestamp: 't', broker: 'k:1', password: 'x' },
  })
  log({ namespace: 'Producer', level: 4, label: 'INFO', log: { message: 'ready', timestamp: 't' } })
  expect(logger.error).toHaveBeenCalledWith(
    { component: 'kafkajs', namespace: 'Connection', broker: 'k:1', password: '[redacted]' },
    'Connection error',
  )
  expect(logger.info).toHaveBeenCalledWith({ component: 'kafkajs', namespace: 'Producer' }, 'ready')
})

test('consoleLogger writes JSON lines at or above its level; silentLogger writes nothing', () => {
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  try {
    const logger = consoleLogger('warn')
    logger.info('not shown')
    logger.warn({ topic: 't' }, 'shown')
    silentLogger.error('nothing')
    expect(write).toHaveBeenCalledTimes(1)
    expect(JSON.parse(String(write.mock.calls[0]![0]))).toMatchObject({
      level: 'warn',
      topic: 't',
      msg: 'shown',
    })
  } finally {
    write.mockRestore()
  }
})
