import { Order } from './order-topic.js'

/** The seed's producer file wraps each order as `{<n>:<order JSON>}` (kcat's "key:value" line). */
const seedLine = /^\{\s*\d+\s*:\s*(\{.*\})\s*\}$/

/**
 * One line of an orders file: the seed's `{1:{"order_id":1,...}}` or a plain JSON order. Throws an
 * error naming the line when it is not a valid order.
 */
export function parseOrderLine(line: string, lineNumber: number): Order {
  const json = seedLine.exec(line.trim())?.[1] ?? line.trim()
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new Error(`line ${lineNumber}: not an order (expected {n:{"order_id":...}} or a JSON object)`)
  }
  const result = Order.safeParse(parsed)
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'order'}: ${issue.message}`,
    )
    throw new Error(`line ${lineNumber}: ${problems.join('; ')}`)
  }
  return result.data
}

/** Every order of a file's text, one per line; blank lines are skipped. */
export function parseOrders(text: string): Order[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => parseOrderLine(line, number))
}
