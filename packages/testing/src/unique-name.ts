import { randomBytes } from 'node:crypto'

let counter = 0

/**
 * A name no other test (or test run) uses, valid as a Kafka topic, group or transactional id:
 * `<prefix>-<time>-<counter>-<random>`.
 */
export function uniqueName(prefix = 'test'): string {
  counter += 1
  return `${prefix}-${Date.now().toString(36)}-${counter}-${randomBytes(4).toString('hex')}`
}
