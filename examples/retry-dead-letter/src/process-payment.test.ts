import { isNonRetriable } from '@kafkakit/consumer'
import { expect, test } from 'vitest'
import { createPaymentGateway, GatewayTimeoutError, GatewayUnavailableError } from './payment-gateway.js'
import type { Payment } from './payment-topic.js'
import { MAX_AMOUNT_CENTS, PaymentRejectedError, processPayment } from './process-payment.js'

const payment = (card_token: string, amount_cents = 1050): Payment => ({
  payment_id: 'pay-1',
  order_id: 1,
  amount_cents,
  currency: 'EUR',
  card_token,
})

test('tok_flaky_<n>: the first n charges of a payment time out (retriable), then it is charged', async () => {
  const gateway = createPaymentGateway()
  for (let call = 1; call <= 2; call++) {
    const failure = processPayment(gateway, payment('tok_flaky_2'))
    await expect(failure).rejects.toBeInstanceOf(GatewayTimeoutError)
    expect(isNonRetriable(await failure.catch((e: unknown) => e))).toBe(false)
  }
  await expect(processPayment(gateway, payment('tok_flaky_2'))).resolves.toEqual({ charge_id: 'ch_pay-1_3' })
  // Counted per payment: another payment starts again.
  await expect(gateway.charge({ ...payment('tok_flaky_2'), payment_id: 'pay-2' })).rejects.toThrow(/call 1/)
})

test('tok_gateway_down fails every time, retriable; other tokens are charged at once', async () => {
  const gateway = createPaymentGateway()
  for (let call = 1; call <= 10; call++) {
    const error = await processPayment(gateway, payment('tok_gateway_down')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GatewayUnavailableError)
    expect(isNonRetriable(error)).toBe(false)
  }
  await expect(processPayment(gateway, { ...payment('tok_visa'), payment_id: 'pay-2' })).resolves.toEqual({
    charge_id: 'ch_pay-2_1',
  })
})

test('a payment above the limit is rejected as nonRetriable, without calling the gateway', async () => {
  const gateway = createPaymentGateway()
  const error = await processPayment(gateway, payment('tok_flaky_1', MAX_AMOUNT_CENTS + 1)).catch(
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(PaymentRejectedError)
  expect(isNonRetriable(error)).toBe(true)
  expect((error as Error).message).toBe('pay-1: 1000.01 EUR is above the 1000.00 EUR limit for one payment')
  // The gateway was not called: its first call for this payment still times out.
  await expect(gateway.charge(payment('tok_flaky_1'))).rejects.toThrow(/call 1/)
  await expect(processPayment(gateway, payment('tok_visa', MAX_AMOUNT_CENTS))).resolves.toBeDefined()
})
