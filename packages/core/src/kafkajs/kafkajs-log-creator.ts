import kafkajs, { type logCreator } from 'kafkajs'
import { type Logger, redact } from '../logging/logger.js'

// kafkajs is CommonJS: Node's ESM loader cannot see these as named exports.
const { logLevel } = kafkajs

const levels: Record<number, keyof Logger> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
}

/** Routes kafkajs's log entries to a kafkakit Logger, with credentials and payloads redacted. */
export function kafkajsLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log
      logger[levels[level] ?? 'info']({ component: 'kafkajs', namespace, ...redact(fields) }, message)
    }
}

export const kafkajsLogLevel = {
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const
