import { expect, test, vi } from 'vitest'
import { SharedAttempt } from './shared-attempt.js'

function pending() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

test('one waiter aborting leaves the attempt to the others; it is abandoned when the last one aborts', async () => {
  const connecting = pending()
  const onAbandon = vi.fn()
  const attempt = new SharedAttempt(connecting.promise, onAbandon)
  const first = new AbortController()
  const second = new AbortController()
  const a = attempt.join(first.signal, 'connect')
  const b = attempt.join(second.signal, 'connect')
  first.abort()
  await expect(a).rejects.toMatchObject({ code: 'KAFKAKIT_ABORTED' })
  expect(onAbandon).not.toHaveBeenCalled()
  second.abort()
  await expect(b).rejects.toMatchObject({ code: 'KAFKAKIT_ABORTED' })
  expect(onAbandon).toHaveBeenCalledOnce()
  expect(attempt.abandoned).toBe(true)
})

test('a waiter without a signal keeps the attempt: it is never abandoned', async () => {
  const connecting = pending()
  const onAbandon = vi.fn()
  const attempt = new SharedAttempt(connecting.promise, onAbandon)
  const aborted = new AbortController()
  const patient = attempt.join(undefined, 'connect')
  const impatient = attempt.join(aborted.signal, 'connect')
  aborted.abort()
  await expect(impatient).rejects.toMatchObject({ code: 'KAFKAKIT_ABORTED' })
  connecting.resolve()
  await expect(patient).resolves.toBeUndefined()
  expect(onAbandon).not.toHaveBeenCalled()
  expect(attempt.abandoned).toBe(false)
})

test('an abort after the attempt settled abandons nothing', async () => {
  const onAbandon = vi.fn()
  const attempt = new SharedAttempt(Promise.resolve(), onAbandon)
  const controller = new AbortController()
  await attempt.join(controller.signal, 'connect')
  await Promise.resolve()
  controller.abort()
  await expect(attempt.join(AbortSignal.abort(), 'connect')).rejects.toMatchObject({
    code: 'KAFKAKIT_ABORTED',
  })
  expect(onAbandon).not.toHaveBeenCalled()
})
