import { DeadLetterHeader } from '@kafkakit/consumer'
import { lastHeader, type RawHeaders } from './last-header.js'

/**
 * How an attempt came about: the record's first delivery, an in-place retry (the consumer called the
 * handler again after a backoff), or its first delivery from a retry topic. A retry-topic record carries
 * `kafkakit-retry-due` and, in `kafkakit-attempts`, the attempts made before it was forwarded.
 */
export function deliveryOf(message: {
  readonly attempt: number
  readonly rawHeaders: RawHeaders
}): 'first' | 'in-place retry' | 'retry topic' {
  if (message.attempt === 1) return 'first'
  const header = (name: string) => lastHeader(message.rawHeaders, name)?.toString('utf8')
  const forwardedAfter = Number(header(DeadLetterHeader.ATTEMPTS))
  return header(DeadLetterHeader.RETRY_DUE) !== undefined && forwardedAfter === message.attempt - 1
    ? 'retry topic'
    : 'in-place retry'
}
