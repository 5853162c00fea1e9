import type { BoundSerde, Serde, SerdeContext } from './serde.js'

export const valueContext: SerdeContext = { topic: 'test-topic', role: 'value' }

/** Binds a serde that binds synchronously (every serde but the registry ones). */
export function bindSync<In, Out>(
  serde: Serde<In, Out>,
  context: SerdeContext = valueContext,
): BoundSerde<In, Out> {
  const bound = serde.bind(context)
  if (bound instanceof Promise) throw new Error('expected a synchronous bind')
  return bound
}

/** The KafkakitError a call throws (or an error saying it did not throw). */
export function thrown(run: () => unknown): { code?: string; message: string; retriable?: boolean } {
  try {
    run()
  } catch (error) {
    return error as { code?: string; message: string }
  }
  return { message: 'did not throw' }
}
