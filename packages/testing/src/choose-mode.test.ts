import { describe, expect, test, vi } from 'vitest'
import { chooseMode } from './choose-mode.js'

const noRuntime = async () => ({
  available: false as const,
  reason: 'Could not find a working container runtime strategy',
})
const runtime = async () => ({ available: true as const })
const base = {
  externalVariable: 'KAFKA_BOOTSTRAP_SERVERS',
  externalAvailable: false,
  probeContainerRuntime: noRuntime,
}

describe('chooseMode', () => {
  test('an explicit mode is taken as asked, without probing for containers', async () => {
    const probe = vi.fn(runtime)
    for (const mode of ['external', 'container', 'local'] as const) {
      expect(await chooseMode(mode, { ...base, probeContainerRuntime: probe })).toEqual({
        mode,
        passedOver: [],
      })
    }
    expect(probe).not.toHaveBeenCalled()
  })

  test('auto prefers an external cluster when one is configured', async () => {
    const probe = vi.fn(runtime)
    const choice = await chooseMode('auto', {
      ...base,
      externalAvailable: true,
      probeContainerRuntime: probe,
    })
    expect(choice.mode).toBe('external')
    expect(probe).not.toHaveBeenCalled()
  })

  test('auto picks containers when a runtime is found', async () => {
    expect((await chooseMode('auto', { ...base, probeContainerRuntime: runtime })).mode).toBe('container')
  })

  test('auto falls back to the local JVM and says why it passed over the others', async () => {
    const choice = await chooseMode('auto', base)
    expect(choice.mode).toBe('local')
    expect(choice.passedOver).toEqual([
      'external: KAFKA_BOOTSTRAP_SERVERS is not set',
      'container: no container runtime (Could not find a working container runtime strategy)',
    ])
  })
})
