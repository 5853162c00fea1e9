import { bytes, defineTopic, json, string } from '@kafkakit/core'
import { z } from 'zod'

export const DEFAULT_TOPIC = 'payments'
export const DEFAULT_GROUP = 'payment-processor'

export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const

/** A payment to collect for one of the seed's orders (shared/seeds/000). */
export const Payment = z.object({
  payment_id: z.string().regex(/^pay-\d+$/, 'expected pay-<number>'),
  order_id: z.number().int().positive(),
  amount_cents: z.number().int().positive(),
  currency: z.enum(CURRENCIES),
  /** The card, as the payment gateway's token (see payment-gateway.ts for the test tokens). */
  card_token: z.string().startsWith('tok_'),
})
export type Payment = z.infer<typeof Payment>

/**
 * The payments topic, declared once: keyed by payment id, the value JSON checked by `Payment` on both
 * sides (a record that does not decode never reaches the handler: it is a poison pill). `name` is
 * `payments` unless overridden.
 */
export function paymentsTopic(name: string = DEFAULT_TOPIC) {
  return defineTopic({ name, key: string(), value: json(Payment) })
}

/** The same topic as raw bytes: how this example writes the records a typed producer refuses to send. */
export function rawPaymentsTopic(name: string = DEFAULT_TOPIC) {
  return defineTopic({ name, key: string(), value: bytes() })
}

/**
 * A dead-letter topic as it is: the failed record's key and value byte for byte (whatever they were, null
 * included: no key serde, a bytes value that may be a tombstone) and the headers that say where it came
 * from and why it failed.
 */
export function deadLetterTopic(name: string) {
  return defineTopic({ name, value: bytes(), tombstones: true })
}
