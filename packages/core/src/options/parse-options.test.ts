import { expect, test } from 'vitest'
import { z } from 'zod'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { parseOptions } from './parse-options.js'

const schema = z.strictObject({ retries: z.number().int().min(0).default(3), name: z.string().optional() })

test('applies defaults, freezes the result and leaves the input untouched', () => {
  const input = { name: 'a' }
  const resolved = parseOptions(schema, input, 'test options')
  expect(resolved).toEqual({ retries: 3, name: 'a' })
  expect(Object.isFrozen(resolved)).toBe(true)
  expect(input).toEqual({ name: 'a' })
  expect(parseOptions(schema, undefined, 'test options')).toEqual({ retries: 3 })
})

test('an invalid or unknown option is a KAFKAKIT_CONFIG error naming each field', () => {
  expect(() => parseOptions(schema, { retries: -1, colour: 'red' }, 'test options')).toThrow(
    expect.objectContaining({
      code: 'KAFKAKIT_CONFIG',
      message: expect.stringMatching(/^Invalid test options: retries: .*; colour: unknown option$/),
      details: { fields: ['retries', 'colour'] },
    }),
  )
  expect(() =>
    parseOptions(
      z.strictObject({ retry: z.strictObject({ n: z.number() }) }),
      { retry: { n: 1, m: 2 } },
      'x',
    ),
  ).toThrow(
    expect.objectContaining({
      message: 'Invalid x: retry.m: unknown option',
      details: { fields: ['retry.m'] },
    }),
  )
  expect(
    KafkakitError.is(
      catchError(() => parseOptions(schema, { retries: 'x' }, 'test options')),
      'KAFKAKIT_CONFIG',
    ),
  ).toBe(true)
})

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}
