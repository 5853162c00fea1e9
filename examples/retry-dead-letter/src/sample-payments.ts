import type { Payment } from './payment-topic.js'

/** A record the example produces: a payment, or bytes a typed producer would refuse to send. */
export type SamplePayment = { readonly key: string; readonly case: string } & (
  | { readonly payment: Payment }
  | { readonly raw: Buffer }
)

const payment = (id: number, order: number, cents: number, token: string): Payment => ({
  payment_id: `pay-${id}`,
  order_id: order,
  amount_cents: cents,
  currency: 'EUR',
  card_token: token,
})

/**
 * One record for each way a record can go (the outcomes are those of the default flags: 3 attempts in
 * place, 2 retry topics). `case` says what is special about it.
 */
export const SAMPLE_PAYMENTS: readonly SamplePayment[] = [
  { key: 'pay-1001', case: 'a good payment', payment: payment(1001, 1, 1050, 'tok_visa') },
  {
    key: 'pay-1002',
    case: 'the gateway times out on its first 2 charges',
    payment: payment(1002, 2, 332, 'tok_flaky_2'),
  },
  {
    key: 'pay-1003',
    case: 'the gateway times out on its first 3 charges',
    payment: payment(1003, 3, 2100, 'tok_flaky_3'),
  },
  {
    key: 'pay-1004',
    case: 'the gateway is down for longer than every retry',
    payment: payment(1004, 4, 725, 'tok_gateway_down'),
  },
  { key: 'pay-1005', case: 'above the 1000.00 limit', payment: payment(1005, 6, 250_000, 'tok_visa') },
  {
    key: 'pay-1006',
    case: 'cut-off JSON: a poison pill',
    raw: Buffer.from('{"payment_id":"pay-1006","order_id":7,"amount_'),
  },
  {
    key: 'pay-1007',
    case: 'valid JSON the schema refuses (currency BTC)',
    raw: Buffer.from(
      JSON.stringify({
        payment_id: 'pay-1007',
        order_id: 8,
        amount_cents: 500,
        currency: 'BTC',
        card_token: 'tok_visa',
      }),
    ),
  },
]
