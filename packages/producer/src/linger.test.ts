import { expect, test } from 'vitest'
import { Linger } from './linger.js'

test('an aborted lingering send is taken out at once; the others go when the batch goes', async () => {
  const linger = new Linger(60_000, 3)
  const controller = new AbortController()
  const released: string[] = []
  const first = linger.wait(1).then(() => released.push('first'))
  const aborted = linger.wait(1, controller.signal, 'orders')
  controller.abort()
  await expect(aborted).rejects.toMatchObject({
    code: 'KAFKAKIT_ABORTED',
    message: 'The send to orders was aborted',
  })
  // The aborted send's record no longer counts towards batchSize: two more make the batch of 3.
  const second = linger.wait(1).then(() => released.push('second'))
  expect(released).toEqual([])
  const third = linger.wait(1).then(() => released.push('third'))
  await Promise.all([first, second, third])
  expect(released).toEqual(['first', 'second', 'third'])
  await expect(linger.wait(1, AbortSignal.abort(), 'orders')).rejects.toMatchObject({
    code: 'KAFKAKIT_ABORTED',
  })
})
