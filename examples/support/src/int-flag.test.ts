import { afterEach, expect, test, vi } from 'vitest'
import { intFlag } from './int-flag.js'

afterEach(() => {
  vi.restoreAllMocks()
})

/** Makes process.exit throw instead of exiting; returns what was written to stderr. */
function refusals() {
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`exit ${code}`)
  })
  return vi.spyOn(console, 'error').mockImplementation(() => undefined)
}

test('an integer of at least min is returned as a number', () => {
  expect(intFlag('count', '12')).toBe(12)
  expect(intFlag('interval-ms', '0', 0)).toBe(0)
  expect(intFlag('count', ' 7 ')).toBe(7)
})

test('anything else: a message naming the flag and what it expects on stderr, exit code 2', () => {
  const stderr = refusals()
  for (const [value, min] of [
    ['0', 1],
    ['-1', 0],
    ['1.5', 1],
    ['', 1],
    [' ', 0],
    ['ten', 1],
    ['1e20', 1],
  ] as const) {
    expect(() => intFlag('count', value, min), value).toThrow('exit 2')
    expect(stderr).toHaveBeenLastCalledWith(`--count expects an integer >= ${min}, got "${value}"`)
  }
})
