import { afterEach, expect, test, vi } from 'vitest'
import { shutdownSignal } from './shutdown-signal.js'

const signals = ['SIGINT', 'SIGTERM'] as const
const before = new Map(signals.map((s) => [s, process.listeners(s)]))

afterEach(() => {
  vi.restoreAllMocks()
  // The listeners shutdownSignal() added: this worker keeps its own.
  for (const s of signals)
    for (const listener of process.listeners(s))
      if (!before.get(s)!.includes(listener)) process.off(s, listener)
})

test.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s: the first aborts the signal, a second exits at once with %i', (signal, code) => {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
  const stopping = shutdownSignal()
  expect(stopping.aborted).toBe(false)
  process.emit(signal, signal)
  expect(stopping.aborted).toBe(true)
  expect(exit).not.toHaveBeenCalled()
  process.emit(signal, signal)
  expect(exit).toHaveBeenCalledExactlyOnceWith(code)
})
