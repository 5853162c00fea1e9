import { once } from 'node:events'

/** Resolves once any of `signals` has aborted (at once when one already has). */
export async function untilAborted(...signals: AbortSignal[]): Promise<void> {
  const any = AbortSignal.any(signals)
  if (!any.aborted) await once(any, 'abort')
}
