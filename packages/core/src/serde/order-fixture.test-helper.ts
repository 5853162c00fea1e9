/** The orders of the project's seed article (shared/seeds/000), the base of the Avro test schemas. */
export const seedOrderFields = [
  { name: 'order_id', type: 'long' },
  { name: 'order_ts', type: 'long' },
  { name: 'total_amount', type: 'double' },
  { name: 'customer_name', type: 'string' },
] as const

export interface SeedOrder {
  order_id: number
  order_ts: number
  total_amount: number
  customer_name: string
}

/** A `shop.Order` Avro record: the seed's fields followed by `extraFields`. */
export function seedOrderSchema(extraFields: readonly Record<string, unknown>[]) {
  return { type: 'record', name: 'Order', namespace: 'shop', fields: [...seedOrderFields, ...extraFields] }
}
