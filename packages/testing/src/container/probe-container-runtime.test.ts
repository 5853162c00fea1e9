import { expect, test } from 'vitest'
import { probeContainerRuntime } from './probe-container-runtime.js'

test('the container runtime probe answers within seconds either way, and caches its answer', async () => {
  const started = Date.now()
  const first = await probeContainerRuntime()
  expect(Date.now() - started).toBeLessThan(15_000)
  if (!first.available) expect(first.reason.length).toBeGreaterThan(0)
  expect(await probeContainerRuntime()).toBe(first)
})
