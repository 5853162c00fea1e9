import { createRequire } from 'node:module'
import kafkajs, { type Kafka, type KafkaConfig } from 'kafkajs'

// kafkajs is CommonJS: Node's ESM loader cannot see these as named exports.
const { Kafka: KafkaClass } = kafkajs

const require = createRequire(import.meta.url)

/**
 * A kafkajs client for kafkakit's producers, consumers and admins: the one place that calls `new Kafka`.
 *
 * Why: kafkajs 2.2.4 arms a timer with a negative delay on every connection as soon as the first response
 * comes back, and Node 24 and later print `TimeoutNegativeWarning: -17… is a negative number` into the
 * service's output (kafkajs issue #1751; the pull requests that fix it were never released). The cause,
 * in `kafkajs/src/network/requestQueue/index.js`: `fulfillRequest` (line 206) calls `checkPendingRequests`,
 * which calls `scheduleCheckPendingRequests` (line 297). With nothing pending and no broker throttling,
 * `throttledUntil` is its initial -1, so `scheduleAt = this.throttledUntil - Date.now()` (line 312) is
 * about minus the epoch time in ms, and `setTimeout(..., scheduleAt)` (line 317) gets that negative delay.
 * Node turns it into 1 ms, and the timer's callback calls `checkPendingRequests` again, which arms the next
 * one: besides the warning, each connection runs an idle 1 ms timer loop until it disconnects
 * (kafkajs issue #1704).
 *
 * What: no kafkajs option avoids that path (every response takes it), so each request queue of the
 * clients made here skips `scheduleCheckPendingRequests` when there is nothing to schedule: no request
 * pending and no throttling in force. In that case the original method only armed the idle timer, whose
 * callback finds nothing to send; in every other case the original runs unchanged. kafkakit never patches
 * kafkajs's classes or the user's timers: only the queues of the `Kafka` objects made here, reached
 * through the connection pool builder of each cluster such a client creates. The hook applies only to
 * kafkajs 2.2.4 and only where every object on the way has the shape 2.2.4's source gives it; on any
 * other version or shape it does nothing (and kafkajs behaves as released).
 */
export function createKafkajsClient(config: KafkaConfig): Kafka {
  const kafka = new KafkaClass(config)
  if (knownKafkajs()) skipIdleQueueTimers(kafka)
  return kafka
}

/** The kafkajs release whose request queue the hook below knows. */
const KNOWN_VERSION = '2.2.4'
/** The description of the symbol under which kafkajs 2.2.4's `Kafka` keeps its cluster factory (src/index.js). */
const CREATE_CLUSTER = 'private:Kafka:createCluster'
/** The statement of 2.2.4's `RequestQueue#scheduleCheckPendingRequests` that yields the negative delay. */
const NEGATIVE_DELAY = /let scheduleAt = this\.throttledUntil - Date\.now\(\)/

let known: boolean | undefined
function knownKafkajs(): boolean {
  if (known === undefined) {
    try {
      known = (require('kafkajs/package.json') as { version?: unknown }).version === KNOWN_VERSION
    } catch {
      known = false
    }
  }
  return known
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

const isFunction = (value: unknown): value is AnyFunction => typeof value === 'function'
const isObject = (value: unknown): value is Record<PropertyKey, unknown> =>
  typeof value === 'object' && value !== null

/** Wraps the client's cluster factory so every cluster it makes gets {@link skipIdleQueueTimersOf}. */
function skipIdleQueueTimers(kafka: Kafka): void {
  const client = kafka as unknown as Record<symbol, unknown>
  const key = Object.getOwnPropertySymbols(client).find((symbol) => symbol.description === CREATE_CLUSTER)
  const createCluster = key && client[key]
  if (!key || !isFunction(createCluster)) return
  client[key] = function (this: unknown, ...args: unknown[]) {
    const cluster = createCluster.apply(this, args)
    skipIdleQueueTimersOf(cluster)
    return cluster
  }
}

/**
 * kafkajs 2.2.4 makes every connection in `connectionPoolBuilder.build()` (a `ConnectionPool` of two
 * `Connection`s, each with its `requestQueue`), and the cluster and its broker pool share that builder.
 */
function skipIdleQueueTimersOf(cluster: unknown): void {
  if (!isObject(cluster) || !isObject(cluster.brokerPool)) return
  const builder = cluster.connectionPoolBuilder
  if (!isObject(builder) || cluster.brokerPool.connectionPoolBuilder !== builder) return
  const build = builder.build
  if (!isFunction(build)) return
  builder.build = async function (this: unknown, ...args: unknown[]) {
    const pool = await build.apply(this, args)
    if (isObject(pool) && Array.isArray(pool.pool)) {
      for (const connection of pool.pool) {
        if (isObject(connection)) skipIdleTimer(connection.requestQueue)
      }
    }
    return pool
  }
}

interface KnownRequestQueue {
  pending: unknown[]
  throttledUntil: number
  scheduleCheckPendingRequests(): void
}

function isKnownRequestQueue(queue: unknown): queue is KnownRequestQueue {
  return (
    isObject(queue) &&
    Array.isArray(queue.pending) &&
    typeof queue.throttledUntil === 'number' &&
    'throttleCheckTimeoutId' in queue &&
    isFunction(queue.checkPendingRequests) &&
    isFunction(queue.scheduleCheckPendingRequests) &&
    !Object.hasOwn(queue, 'scheduleCheckPendingRequests') &&
    NEGATIVE_DELAY.test(Function.prototype.toString.call(queue.scheduleCheckPendingRequests))
  )
}

/**
 * Makes one kafkajs 2.2.4 `RequestQueue` skip `scheduleCheckPendingRequests` when it has nothing to
 * schedule (see {@link createKafkajsClient}). Does nothing to any other object. Exported for its tests.
 */
export function skipIdleTimer(queue: unknown): boolean {
  if (!isKnownRequestQueue(queue)) return false
  const schedule = queue.scheduleCheckPendingRequests
  queue.scheduleCheckPendingRequests = function (this: KnownRequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return
    schedule.call(this)
  }
  return true
}
