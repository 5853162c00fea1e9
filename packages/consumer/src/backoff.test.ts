import { expect, test } from 'vitest'
import { backoffDelay } from './backoff.js'

const options = { initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, jitter: 0.2 }

test('delays grow exponentially up to the cap', () => {
  expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, { ...options, jitter: 0 }))).toEqual([
    100, 200, 400, 800, 1000,
  ])
})

test('jitter spreads each delay within ±jitter', () => {
  expect(backoffDelay(2, options, () => 0)).toBe(160)
  expect(backoffDelay(2, options, () => 1)).toBe(240)
})
