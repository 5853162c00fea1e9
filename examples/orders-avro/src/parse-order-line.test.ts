import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { parseOrderLine, parseOrders } from './parse-order-line.js'

test("the seed's line format and plain JSON give the same order", () => {
  const order = { order_id: 1, order_ts: 1534772501276, total_amount: 10.5, customer_name: 'Bob Smith' }
  expect(
    parseOrderLine(
      '{1:{"order_id":1,"order_ts":1534772501276,"total_amount":10.50,"customer_name":"Bob Smith"}}',
      1,
    ),
  ).toEqual(order)
  expect(parseOrderLine(JSON.stringify(order), 1)).toEqual(order)
})

test('the sample file holds the seed’s three orders first, and blank lines are skipped', () => {
  const orders = parseOrders(readFileSync(new URL('../orders.txt', import.meta.url), 'utf8'))
  expect(orders.slice(0, 3)).toEqual([
    { order_id: 1, order_ts: 1534772501276, total_amount: 10.5, customer_name: 'Bob Smith' },
    { order_id: 2, order_ts: 1534772605276, total_amount: 3.32, customer_name: 'Sarah Black' },
    { order_id: 3, order_ts: 1534772742276, total_amount: 21, customer_name: 'Emma Turner' },
  ])
  expect(parseOrders('\n{"order_id":7,"order_ts":1,"total_amount":1,"customer_name":"A"}\n\n')).toHaveLength(
    1,
  )
})

test('a bad line is refused with its line number and what is wrong', () => {
  expect(() =>
    parseOrders('{"order_id":1,"order_ts":1,"total_amount":1,"customer_name":"A"}\n{2:{oops}}'),
  ).toThrow(/^line 2: not an order/)
  expect(() =>
    parseOrderLine('{"order_id":1.5,"order_ts":1,"total_amount":-1,"customer_name":"A"}', 4),
  ).toThrow(/^line 4: order_id: .*; total_amount: /)
})
