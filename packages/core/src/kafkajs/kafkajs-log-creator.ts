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

/**
 * kafkajs entries that say nothing the caller does not learn otherwise, logged at debug: an error answer
 * to one request (the operation retries it or fails with a KafkakitError that says so), and the warning
 * that limited retries endanger idempotence (kafkakit re-sends what kafkajs gives up on, keeping the
 * producer's sequence numbers).
 */
function isNoise(namespace: string, message: string): boolean {
  return (
    (namespace === 'Connection' && message.startsWith('Response ')) ||
    message.startsWith('Limiting retries for the idempotent producer')
  )
}

/** Routes kafkajs's log entries to a kafkakit Logger, with credentials and payloads redacted. */
export function kafkajsLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log
      const method = isNoise(namespace, message) ? 'debug' : (levels[level] ?? 'info')
      logger[method]({ component: 'kafkajs', namespace, ...redact(fields) }, message)
    }
}

export const kafkajsLogLevel = {
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const
