import type { ContainerRuntimeProbe } from './container/probe-container-runtime.js'
import type { KafkaMode } from './kafka-cluster.js'

export interface ModeChoice {
  readonly mode: KafkaMode
  /** Why `auto` passed over the modes before the chosen one (for the error when nothing starts). */
  readonly passedOver: readonly string[]
}

export interface ModeInputs {
  /** The environment variable that names an external service, e.g. KAFKA_BOOTSTRAP_SERVERS. */
  readonly externalVariable: string
  /** Whether that variable is set (and external mode fits the request). */
  readonly externalAvailable: boolean
  readonly probeContainerRuntime: () => Promise<ContainerRuntimeProbe>
}

/** `auto` picks external, then container, then local; any other mode is taken as asked. */
export async function chooseMode(requested: KafkaMode | 'auto', inputs: ModeInputs): Promise<ModeChoice> {
  if (requested !== 'auto') return { mode: requested, passedOver: [] }
  if (inputs.externalAvailable) return { mode: 'external', passedOver: [] }
  const passedOver = [`external: ${inputs.externalVariable} is not set`]
  const probe = await inputs.probeContainerRuntime()
  if (probe.available) return { mode: 'container', passedOver }
  return { mode: 'local', passedOver: [...passedOver, `container: no container runtime (${probe.reason})`] }
}
