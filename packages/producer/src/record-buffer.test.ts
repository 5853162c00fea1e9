import { expect, test } from 'vitest'
import { RecordBuffer } from './record-buffer.js'

test('reject mode: a send that would overfill the buffer is KAFKAKIT_BUFFER_FULL, retriable', async () => {
  const buffer = new RecordBuffer(10, 'reject', 1000)
  await buffer.acquire(8)
  await expect(buffer.acquire(3)).rejects.toMatchObject({ code: 'KAFKAKIT_BUFFER_FULL', retriable: true })
  buffer.release(8)
  await expect(buffer.acquire(3)).resolves.toBeUndefined()
})

test('wait mode: sends wait in order for room; none is dropped', async () => {
  const buffer = new RecordBuffer(10, 'wait', 5000)
  await buffer.acquire(10)
  const order: string[] = []
  const first = buffer.acquire(6).then(() => order.push('first'))
  const second = buffer.acquire(4).then(() => order.push('second'))
  expect(buffer.used).toBe(10)
  buffer.release(10)
  await Promise.all([first, second])
  expect(order).toEqual(['first', 'second'])
  expect(buffer.used).toBe(10)
})

test('a send larger than the whole buffer may go alone; waiting ends with a typed error on timeout or abort', async () => {
  const buffer = new RecordBuffer(10, 'wait', 50)
  await buffer.acquire(25)
  await expect(buffer.acquire(1)).rejects.toMatchObject({ code: 'KAFKAKIT_BUFFER_FULL' })
  const controller = new AbortController()
  const waiting = buffer.acquire(1, controller.signal)
  controller.abort()
  await expect(waiting).rejects.toMatchObject({ code: 'KAFKAKIT_ABORTED' })
  // An abort before it waits: at once, not after bufferTimeoutMs.
  await expect(buffer.acquire(1, AbortSignal.abort())).rejects.toMatchObject({ code: 'KAFKAKIT_ABORTED' })
})
