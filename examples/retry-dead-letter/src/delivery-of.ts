import { readDeadLetterHeaders } from '@kafkakit/consumer'

/**
 * How an attempt came about: the record's first delivery, an in-place retry (the consumer called the
 * handler again after a backoff), or its first delivery from a retry topic. A retry-topic record carries
 * `kafkakit-retry-due` and, in `kafkakit-attempts`, the attempts made before it was forwarded.
 */
export function deliveryOf(message: {
  readonly attempt: number
  readonly rawHeaders: Parameters<typeof readDeadLetterHeaders>[0]
}): 'first' | 'in-place retry' | 'retry topic' {
  if (message.attempt === 1) return 'first'
  const { retryDue, attempts } = readDeadLetterHeaders(message.rawHeaders)
  return retryDue !== undefined && attempts === message.attempt - 1 ? 'retry topic' : 'in-place retry'
}
