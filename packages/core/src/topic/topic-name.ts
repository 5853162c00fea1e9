import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'

const legal = /^[a-zA-Z0-9._-]+$/

/**
 * Kafka's topic-name rules (org.apache.kafka.common.internals.Topic): 1 to 249 characters of
 * `a-z A-Z 0-9 . _ -`, and not `.` or `..`. Throws KAFKAKIT_CONFIG saying which rule failed.
 */
export function checkTopicName(name: unknown): asserts name is string {
  const fail = (rule: string) => {
    throw new KafkakitError(ErrorCode.CONFIG, `Invalid topic name ${JSON.stringify(name)}: ${rule}`, {
      details: { topic: name },
    })
  }
  if (typeof name !== 'string' || name.length === 0) fail('it must be a non-empty string')
  const text = name as string
  if (text === '.' || text === '..') fail('"." and ".." are not allowed')
  if (text.length > 249) fail(`it is ${text.length} characters long; the maximum is 249`)
  if (!legal.test(text)) fail('only ASCII letters, digits, ".", "_" and "-" are allowed')
}
