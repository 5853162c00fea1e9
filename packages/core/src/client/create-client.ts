import type { KafkaAdmin } from '../admin/kafka-admin.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { kafkajs } from '../kafkajs/kafkajs-transport.js'
import type { AbortOptions } from '../lifecycle/abort-options.js'
import { abortable, abortedError } from '../lifecycle/abortable.js'
import { type Logger, silentLogger } from '../logging/logger.js'
import { createSchemaRegistry, type SchemaRegistry } from '../registry/schema-registry.js'
import type { AnyTopic } from '../topic/define-topic.js'
import { createTopicCodec, type TopicCodec } from '../topic/topic-codec.js'
import { type TransportInternals, transportInternals } from '../transport/transport.js'
import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from './client-options.js'

/** A connection configuration shared by producers, consumers and admin calls. */
export interface KafkaClient extends AsyncDisposable {
  readonly clientId: string
  readonly brokers: readonly string[]
  readonly logger: Logger
  /** The schema registry client, when `schemaRegistry` was configured. */
  readonly schemaRegistry: SchemaRegistry | undefined
  /** Administrative calls (topics, cluster). Stopped with the client. */
  admin(): KafkaAdmin
  /** The encoder and decoder of a topic, with its serdes bound to this client's registry (cached per topic). */
  codec<T extends AnyTopic>(topic: T): Promise<TopicCodec<T>>
  /**
   * Stops everything created from this client (producers flush, consumers commit and leave their group),
   * each with `options`. Idempotent; `[Symbol.asyncDispose]` calls it; afterwards admin(), codec() and
   * creating producers or consumers throw KAFKAKIT_STOPPED. An abort of `signal` is passed on to each
   * stop (producers give up flushing, consumers give up waiting for handlers) and rejects with
   * KAFKAKIT_ABORTED at once.
   */
  stop(options?: AbortOptions): Promise<void>
}

/** Something stopped with its client: a producer, a consumer, an admin. */
interface Stoppable {
  stop(options?: AbortOptions): Promise<void>
}

/**
 * The order in which a client stops what it made: consumers first (their handlers may still produce, and
 * exactly-once consumers commit through their transactional producers), then producers (they flush),
 * then admin clients.
 */
const STOP_ORDER = ['consumer', 'producer', 'admin'] as const
export type StopStage = (typeof STOP_ORDER)[number]

export interface ClientInternals {
  readonly options: Readonly<ResolvedClientOptions>
  /** The transport the client's producers, consumers and admin run on. */
  readonly transport: TransportInternals
  /** Throws KAFKAKIT_STOPPED once the client was stopped. */
  assertNotStopped(operation: string): void
  /** Stops `resource` when the client stops, in its `stage`; returns a function that forgets it. */
  track(resource: Stoppable, stage: StopStage): () => void
}

/**
 * Client internals, keyed by client. Kept on globalThis: a program may load both the ESM and the
 * CommonJS build of @kafkakit/core (one copy each), and each must find the clients that the other made.
 */
const registry = globalThis as { [key: symbol]: WeakMap<KafkaClient, ClientInternals> | undefined }
const internalsKey = Symbol.for('kafkakit.clientInternals')
registry[internalsKey] ??= new WeakMap()
const internals = registry[internalsKey]

/**
 * Creates a client. Nothing connects yet: producers, consumers and admin calls connect when used.
 *
 * ```ts
 * const client = createClient({ brokers: ['127.0.0.1:9092'], clientId: 'events-svc' })
 * ```
 */
export function createClient(options: ClientOptions = {}): KafkaClient {
  const resolved = resolveClientOptions(options)
  const logger = resolved.logger ?? silentLogger
  const transport = transportInternals(resolved.transport ?? kafkajs())
  const schemaRegistry = resolved.schemaRegistry
    ? createSchemaRegistry({ ...resolved.schemaRegistry, clientId: resolved.clientId })
    : undefined
  const resources = new Map<Stoppable, StopStage>()
  const codecs = new WeakMap<AnyTopic, Promise<TopicCodec<AnyTopic>>>()
  // What the client stops, taken at the first stop(); every later stop() passes its signal on to them too.
  let stopping: readonly (readonly [Stoppable, StopStage])[] | undefined

  const assertNotStopped = (operation: string) => {
    if (stopping)
      throw new KafkakitError(ErrorCode.STOPPED, `${operation} was called after the client was stopped`)
  }
  const track = (resource: Stoppable, stage: StopStage) => {
    resources.set(resource, stage)
    return () => resources.delete(resource)
  }
  // Stage by stage; once `signal` aborts, the later stages are stopped without waiting for the earlier.
  const stopInOrder = async (options: AbortOptions) => {
    for (const stage of STOP_ORDER) {
      const inStage = (stopping ?? []).filter(([, s]) => s === stage)
      const done = Promise.allSettled(inStage.map(([resource]) => resource.stop(options)))
      await abortable(done, options.signal, 'client stop()').catch(() => undefined)
    }
  }
  const stop = (options: AbortOptions = {}): Promise<void> => {
    if (!stopping) {
      stopping = [...resources]
      resources.clear()
    }
    const { signal } = options
    const stopped = stopInOrder(options)
    if (signal?.aborted) return Promise.reject(abortedError('client stop()', signal))
    return abortable(stopped, signal, 'client stop()')
  }

  const client: KafkaClient = {
    clientId: resolved.clientId,
    brokers: resolved.brokers,
    logger,
    schemaRegistry,
    admin() {
      assertNotStopped('admin()')
      const admin = transport.admin(resolved)
      const forget = track(admin, 'admin')
      const stopAdmin = (stopOptions?: AbortOptions) => {
        forget()
        return admin.stop(stopOptions)
      }
      return { ...admin, stop: stopAdmin, [Symbol.asyncDispose]: () => stopAdmin() }
    },
    codec<T extends AnyTopic>(topic: T) {
      assertNotStopped('codec()')
      let codec = codecs.get(topic)
      if (!codec) {
        codec = createTopicCodec(topic, {
          registry: schemaRegistry,
          maxMessageBytes: resolved.maxMessageBytes,
        })
        codecs.set(topic, codec)
        codec.catch(() => codecs.delete(topic))
      }
      return codec as Promise<TopicCodec<T>>
    },
    stop,
    [Symbol.asyncDispose]: () => stop(),
  }
  internals.set(client, { options: resolved, transport, assertNotStopped, track })
  return client
}

/** For @kafkakit/producer and @kafkakit/consumer: the client's resolved options and lifecycle hooks. */
export function clientInternals(client: KafkaClient): ClientInternals {
  const found = internals.get(client)
  if (!found) {
    throw new KafkakitError(ErrorCode.CONFIG, 'Expected a client made by createClient() of @kafkakit/core')
  }
  return found
}
