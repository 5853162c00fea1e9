import type { Payment } from './payment-topic.js'

/** The gateway did not answer in time: worth trying again. */
export class GatewayTimeoutError extends Error {
  override readonly name = 'GatewayTimeoutError'
}

/** The gateway answered 503: worth trying again, later. */
export class GatewayUnavailableError extends Error {
  override readonly name = 'GatewayUnavailableError'
}

export interface Charge {
  readonly charge_id: string
}

export interface PaymentGateway {
  charge(payment: Payment): Promise<Charge>
}

/**
 * A fake payment gateway, the flaky downstream of this example. Like a real gateway's sandbox it has test
 * card tokens that behave in known ways:
 * - `tok_flaky_<n>`: the first n charges of a payment time out, the next one goes through;
 * - `tok_gateway_down`: every charge fails with 503 (an outage that outlasts every retry);
 * - any other token: charged.
 */
export function createPaymentGateway(): PaymentGateway {
  const calls = new Map<string, number>()
  return {
    async charge(payment) {
      const call = (calls.get(payment.payment_id) ?? 0) + 1
      calls.set(payment.payment_id, call)
      const flaky = /^tok_flaky_(\d+)$/.exec(payment.card_token)
      if (flaky && call <= Number(flaky[1])) {
        throw new GatewayTimeoutError(`the gateway did not answer within 2 s (call ${call})`)
      }
      if (payment.card_token === 'tok_gateway_down') {
        throw new GatewayUnavailableError('the gateway answered 503 Service Unavailable')
      }
      return { charge_id: `ch_${payment.payment_id}_${call}` }
    },
  }
}
