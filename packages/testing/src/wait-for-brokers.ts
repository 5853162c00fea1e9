import type { ClusterDescription } from '@kafkakit/core'
import { createAdmin } from '@kafkakit/core/internal'
import { waitFor } from './wait-for.js'

export interface WaitForBrokersOptions {
  readonly timeoutMs: number
  readonly signal?: AbortSignal | undefined
  /** Checked between attempts; a returned error ends the wait at once (e.g. a broker process exited). */
  readonly failFast?: () => Error | undefined
}

/**
 * Waits until a metadata request through `brokers` lists every node id in `nodeIds` as a live broker
 * (an open port is not enough: the broker must have registered with the controller quorum).
 */
export async function waitForBrokers(
  brokers: readonly string[],
  nodeIds: readonly number[] | number,
  options: WaitForBrokersOptions,
): Promise<ClusterDescription> {
  const wanted = typeof nodeIds === 'number' ? undefined : new Set(nodeIds)
  const count = typeof nodeIds === 'number' ? nodeIds : nodeIds.length
  let fatal: Error | undefined
  return waitFor(
    async () => {
      fatal = options.failFast?.()
      if (fatal) throw fatal
      await using admin = createAdmin({
        brokers,
        clientId: 'kafkakit-testing',
        connectionTimeoutMs: 1000,
        requestTimeoutMs: 5000,
        retry: { retries: 0, initialRetryTimeMs: 100, maxRetryTimeMs: 1000 },
      })
      const cluster = await admin.describeCluster()
      const live = new Set(cluster.brokers.map((b) => b.nodeId))
      const ready = wanted ? [...wanted].every((id) => live.has(id)) : live.size >= count
      return ready ? cluster : undefined
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 250,
      description: `${count} broker(s) at ${brokers.join(',')} to register`,
      ...(options.signal ? { signal: options.signal } : {}),
      isFatal: (error) => error === fatal,
    },
  )
}
