import { expect, test } from 'vitest'
import { waitFor } from './wait-for.js'

test('resolves to the first truthy value', async () => {
  let calls = 0
  expect(await waitFor(() => (++calls >= 3 ? 'done' : undefined), { intervalMs: 1 })).toBe('done')
  expect(calls).toBe(3)
})

test('times out with a KAFKAKIT_TIMEOUT error that says what was awaited and the last error', async () => {
  await expect(
    waitFor(
      () => {
        throw new Error('not yet')
      },
      { timeoutMs: 50, intervalMs: 10, description: 'the answer' },
    ),
  ).rejects.toMatchObject({
    code: 'KAFKAKIT_TIMEOUT',
    message: expect.stringMatching(/waiting for the answer \(last error: not yet\)/),
  })
})

test('a fatal error ends the wait at once; an abort rejects with KAFKAKIT_ABORTED', async () => {
  const fatal = new Error('process exited')
  await expect(
    waitFor(() => Promise.reject(fatal), { timeoutMs: 10_000, isFatal: (e) => e === fatal }),
  ).rejects.toBe(fatal)
  await expect(waitFor(() => false, { signal: AbortSignal.abort() })).rejects.toMatchObject({
    code: 'KAFKAKIT_ABORTED',
  })
})
