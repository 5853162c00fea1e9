import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

const connectionErrors = new Set([
  'KafkaJSConnectionError',
  'KafkaJSBrokerNotFound',
  'KafkaJSConnectionClosedError',
])

/** Converts anything kafkajs threw into a KafkakitError that says which operation failed. */
export function fromKafkajsError(error: unknown, operation: string): KafkakitError {
  if (KafkakitError.is(error)) return error
  const root = rootCause(error)
  const name = typeof root === 'object' && root !== null ? (root as Error).name : undefined
  const kafkaError = (root as { type?: unknown } | undefined)?.type
  const isConnection = name !== undefined && connectionErrors.has(name)
  const reason = root instanceof Error ? root.message : String(root)
  return new KafkakitError(
    isConnection ? ErrorCode.CONNECTION : ErrorCode.KAFKA,
    `${operation} failed: ${reason}${isConnection ? ' (is the broker running and reachable at the configured address?)' : ''}`,
    {
      cause: error,
      ...(isConnection ? { retriable: true } : {}),
      details: typeof kafkaError === 'string' ? { kafkaError } : {},
    },
  )
}

/** The innermost error: kafkajs chains them through `cause` (retries) or `originalError` (some wrappers). */
function rootCause(error: unknown): unknown {
  let current = error
  for (let depth = 0; depth < 16; depth++) {
    const link = current as { originalError?: unknown; cause?: unknown } | undefined
    const next = link?.cause ?? link?.originalError
    if (next === undefined || next === null) return current
    current = next
  }
  return current
}
