import { expect, test } from 'vitest'
import { randomClusterId } from './random-cluster-id.js'

test('cluster ids are 22 base64url characters and never start with "-" (the storage tool would take it for an option)', () => {
  for (let i = 0; i < 20_000; i++) {
    const id = randomClusterId()
    expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/)
  }
})
