import { loadTestcontainers } from './load-testcontainers.js'
export type ContainerRuntimeProbe =
  | { readonly available: true }
  | { readonly available: false; readonly reason: string }

let probe: Promise<ContainerRuntimeProbe> | undefined

/**
 * Whether testcontainers finds a container runtime (Docker, Podman, ...). testcontainers is loaded only
 * here, lazily, so runs without containers never pay for it. The answer is cached for the process.
 */
export function probeContainerRuntime(): Promise<ContainerRuntimeProbe> {
  probe ??= (async (): Promise<ContainerRuntimeProbe> => {
    try {
      const { getContainerRuntimeClient } = await loadTestcontainers()
      await getContainerRuntimeClient()
      return { available: true }
    } catch (error) {
      return { available: false, reason: error instanceof Error ? error.message : String(error) }
    }
  })()
  return probe
}
