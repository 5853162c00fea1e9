import { expect, test } from 'vitest'
import { checkDelivery } from './check-delivery.js'

test('the delivery checker reports a lost record and a duplicate (negative controls)', () => {
  expect(checkDelivery(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual({ lost: [], duplicates: [] })
  expect(checkDelivery(['a', 'b', 'c'], ['a', 'c'])).toEqual({ lost: ['b'], duplicates: [] })
  expect(checkDelivery(['a', 'b'], ['a', 'b', 'b'])).toEqual({ lost: [], duplicates: ['b'] })
})
