import { expect, test } from 'vitest'
import { untilAborted } from './until-aborted.js'

test('resolves when the first of the signals aborts, and at once when one already has', async () => {
  const stopping = new AbortController()
  const enough = new AbortController()
  let done = false
  const waiting = untilAborted(stopping.signal, enough.signal).then(() => {
    done = true
  })
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(done).toBe(false)
  enough.abort()
  await waiting
  expect(done).toBe(true)
  await expect(untilAborted(new AbortController().signal, AbortSignal.abort())).resolves.toBeUndefined()
})
