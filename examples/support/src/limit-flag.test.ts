import { afterEach, expect, test, vi } from 'vitest'
import { limitFlag } from './limit-flag.js'

afterEach(() => {
  vi.restoreAllMocks()
})

test('absent: no limit; given: an integer of at least 1', () => {
  expect(limitFlag('max-events', undefined)).toBe(Number.POSITIVE_INFINITY)
  expect(limitFlag('max-events', '3')).toBe(3)
})

test('0 or not a number: refused like any integer flag, exit code 2', () => {
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`exit ${code}`)
  })
  const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  expect(() => limitFlag('max-events', '0')).toThrow('exit 2')
  expect(stderr).toHaveBeenCalledWith('--max-events expects an integer >= 1, got "0"')
  expect(() => limitFlag('max-events', 'all')).toThrow('exit 2')
})
