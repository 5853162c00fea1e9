import { describe, expect, test } from 'vitest'
import { ErrorCode } from './error-codes.js'
import { KafkakitError } from './kafkakit-error.js'

describe('KafkakitError', () => {
  test('carries code, message, cause and frozen details; not retriable by default', () => {
    const cause = new Error('root')
    const error = new KafkakitError(ErrorCode.CONFIG, 'bad option', { cause, details: { field: 'nodes' } })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('KafkakitError')
    expect(error.code).toBe('KAFKAKIT_CONFIG')
    expect(error.cause).toBe(cause)
    expect(error.retriable).toBe(false)
    expect(Object.isFrozen(error.details)).toBe(true)
  })

  test('takes retriability from the deepest cause that states it, unless given', () => {
    const root = Object.assign(new Error('leader moved'), { retriable: true })
    const middle = Object.assign(new Error('wrapped'), { cause: root, retriable: false })
    expect(new KafkakitError(ErrorCode.KAFKA, 'x', { cause: middle }).retriable).toBe(true)
    expect(new KafkakitError(ErrorCode.KAFKA, 'x', { cause: middle, retriable: false }).retriable).toBe(false)
  })

  test('is() recognises errors from another copy of the package by their Symbol.for brand', () => {
    const foreign = Object.assign(new Error('from a duplicate install'), {
      code: 'KAFKAKIT_TIMEOUT',
      [Symbol.for('kafkakit.error')]: true,
    })
    expect(KafkakitError.is(foreign)).toBe(true)
    expect(KafkakitError.is(foreign, ErrorCode.TIMEOUT)).toBe(true)
    expect(KafkakitError.is(foreign, ErrorCode.CONFIG)).toBe(false)
    expect(KafkakitError.is(new Error('plain'))).toBe(false)
    expect(KafkakitError.is(null)).toBe(false)
    expect(KafkakitError.is({ code: 'KAFKAKIT_TIMEOUT' })).toBe(false)
  })
})
