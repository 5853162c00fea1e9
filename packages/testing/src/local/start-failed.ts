import { existsSync, readFileSync } from 'node:fs'
import { ErrorCode, KafkakitError } from '@kafkakit/core'

/** A KAFKAKIT_START_FAILED error naming the log file and quoting its last error lines. */
export function startFailed(what: string, logFile: string): KafkakitError {
  const errors = existsSync(logFile)
    ? readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => /ERROR|Exception|Error:|error:/.test(line))
        .slice(-3)
        .join(' | ')
    : ''
  return new KafkakitError(
    ErrorCode.START_FAILED,
    `${what}; see the log at ${logFile}${errors ? ` (last errors: ${errors.slice(0, 600)})` : ''}`,
    { details: { logs: [logFile] } },
  )
}
