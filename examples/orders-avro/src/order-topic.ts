import { defineTopic, registryAvro, string } from '@kafkakit/core'
import { z } from 'zod'

export const DEFAULT_TOPIC = 'orders'
export const DEFAULT_GROUP = 'order-printer'

/** An order of the seed (shared/seeds/000): `{"order_id":1,"order_ts":1534772501276,"total_amount":10.50,"customer_name":"Bob Smith"}`. */
export const Order = z.object({
  order_id: z.number().int().nonnegative(),
  /** Epoch milliseconds. */
  order_ts: z.number().int().nonnegative(),
  total_amount: z.number().nonnegative(),
  customer_name: z.string().min(1),
})
export type Order = z.infer<typeof Order>

/** The Avro record registered under `<topic>-value`: what Java, Python or librdkafka consumers read. */
export const orderAvroSchema = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'order_id', type: 'long' },
    { name: 'order_ts', type: 'long' },
    { name: 'total_amount', type: 'double' },
    { name: 'customer_name', type: 'string' },
  ],
}

/**
 * The orders topic, declared once: keyed by order id, the value Avro in the Confluent wire format (magic
 * byte 0, the schema id, Avro binary), checked by `Order` before encoding and after decoding.
 * `autoRegister` puts the schema into the registry on first use, which suits an example; production setups
 * usually register schemas from CI and leave it off. `name` is `orders` unless overridden (tests).
 */
export function ordersTopic(name: string = DEFAULT_TOPIC) {
  return defineTopic({
    name,
    key: string(),
    value: registryAvro(orderAvroSchema, { autoRegister: true, validate: Order }),
  })
}
