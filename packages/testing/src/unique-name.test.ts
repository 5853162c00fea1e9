import { expect, test } from 'vitest'
import { uniqueName } from './unique-name.js'

test('names are unique and valid Kafka topic names', () => {
  const names = new Set(Array.from({ length: 1000 }, () => uniqueName('orders')))
  expect(names.size).toBe(1000)
  for (const name of names) expect(name).toMatch(/^orders-[a-zA-Z0-9._-]{1,200}$/)
})
