import { expect, test, vi } from 'vitest'
import { abortable, abortedError, throwIfAborted } from './abortable.js'

test('without a signal, or one that never aborts, the promise is the answer', async () => {
  const done = Promise.resolve(1)
  expect(abortable(done, undefined, 'x')).toBe(done)
  await expect(abortable(Promise.resolve(2), new AbortController().signal, 'x')).resolves.toBe(2)
  await expect(abortable(Promise.reject(new Error('no')), new AbortController().signal, 'x')).rejects.toThrow(
    'no',
  )
})

test('an abort rejects at once with KAFKAKIT_ABORTED naming the operation, its reason as the cause', async () => {
  const controller = new AbortController()
  const onAbort = vi.fn()
  let fail!: (error: Error) => void
  const never = new Promise<void>((_, reject) => {
    fail = reject
  })
  const waiting = abortable(never, controller.signal, 'describeCluster', onAbort)
  controller.abort('shutting down')
  await expect(waiting).rejects.toMatchObject({
    code: 'KAFKAKIT_ABORTED',
    message: 'describeCluster was aborted',
    cause: 'shutting down',
  })
  expect(onAbort).toHaveBeenCalledOnce()
  // The work's own failure later is dropped, not an unhandled rejection.
  fail(new Error('too late'))
  await new Promise((resolve) => setTimeout(resolve, 10))
})

test('an already-aborted signal rejects without waiting', async () => {
  const onAbort = vi.fn()
  await expect(
    abortable(new Promise(() => {}), AbortSignal.abort(), 'stop()', onAbort),
  ).rejects.toMatchObject({
    code: 'KAFKAKIT_ABORTED',
  })
  expect(onAbort).toHaveBeenCalledOnce()
  expect(() => throwIfAborted(AbortSignal.abort(), 'send')).toThrow(
    expect.objectContaining({ code: 'KAFKAKIT_ABORTED' }),
  )
  expect(() => throwIfAborted(undefined, 'send')).not.toThrow()
  expect(abortedError('x', AbortSignal.abort()).retriable).toBe(false)
})

test('once settled, a later abort changes nothing (the listener is gone)', async () => {
  const controller = new AbortController()
  const onAbort = vi.fn()
  await expect(abortable(Promise.resolve('ok'), controller.signal, 'x', onAbort)).resolves.toBe('ok')
  controller.abort()
  expect(onAbort).not.toHaveBeenCalled()
})
