import { expect, test } from 'vitest'
import { deliveryOf } from './delivery-of.js'

const forwarded = (attemptsBefore: number) => ({
  'kafkakit-attempts': Buffer.from(String(attemptsBefore)),
  'kafkakit-retry-due': Buffer.from('1795304715066'),
})

test('attempt 1 is the first delivery; later attempts are in-place retries unless they are the first from a retry topic', () => {
  expect(deliveryOf({ attempt: 1, rawHeaders: {} })).toBe('first')
  expect(deliveryOf({ attempt: 2, rawHeaders: {} })).toBe('in-place retry')
  // Forwarded to a retry topic after 3 attempts: attempt 4 is its first delivery from there.
  expect(deliveryOf({ attempt: 4, rawHeaders: forwarded(3) })).toBe('retry topic')
  expect(deliveryOf({ attempt: 5, rawHeaders: forwarded(3) })).toBe('in-place retry')
  // A dead-letter-style record (attempts, no due time) read back is not a retry-topic delivery.
  expect(deliveryOf({ attempt: 2, rawHeaders: { 'kafkakit-attempts': Buffer.from('1') } })).toBe(
    'in-place retry',
  )
})
