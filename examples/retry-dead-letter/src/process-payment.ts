import { nonRetriable } from '@kafkakit/consumer'
import type { Charge, PaymentGateway } from './payment-gateway.js'
import type { Payment } from './payment-topic.js'

/** The largest payment taken in one charge, in cents (1000.00). */
export const MAX_AMOUNT_CENTS = 100_000

/** The payment breaks a business rule: trying again cannot help. */
export class PaymentRejectedError extends Error {
  override readonly name = 'PaymentRejectedError'
}

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`

/**
 * The handler's work: checks the payment against the business rules, then charges it. A rule broken is
 * permanent, so its error is marked `nonRetriable` (straight to the dead-letter topic); the gateway's
 * timeouts and outages are thrown as they are, so the consumer retries them in place, then through the
 * retry topics.
 */
export async function processPayment(gateway: PaymentGateway, payment: Payment): Promise<Charge> {
  if (payment.amount_cents > MAX_AMOUNT_CENTS) {
    throw nonRetriable(
      new PaymentRejectedError(
        `${payment.payment_id}: ${money(payment.amount_cents, payment.currency)} is above the ` +
          `${money(MAX_AMOUNT_CENTS, payment.currency)} limit for one payment`,
      ),
    )
  }
  return gateway.charge(payment)
}
