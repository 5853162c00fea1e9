import type { KafkaAdmin } from '../admin/kafka-admin.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { createKafkajsAdmin } from '../kafkajs/kafkajs-admin.js'
import { type Logger, silentLogger } from '../logging/logger.js'
import { createSchemaRegistry, type SchemaRegistry } from '../registry/schema-registry.js'
import type { AnyTopic } from '../topic/define-topic.js'
import { createTopicCodec, type TopicCodec } from '../topic/topic-codec.js'
import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from './client-options.js'

/** A connection configuration shared by producers, consumers and admin calls. */
export interface KafkaClient extends AsyncDisposable {
  readonly clientId: string
  readonly brokers: readonly string[]
  readonly logger: Logger
  /** The schema registry client, when `schemaRegistry` was configured. */
  readonly schemaRegistry: SchemaRegistry | undefined
  /** Administrative calls (topics, cluster). Closed with the client. */
  admin(): KafkaAdmin
  /** The encoder and decoder of a topic, with its serdes bound to this client's registry (cached per topic). */
  codec<T extends AnyTopic>(topic: T): Promise<TopicCodec<T>>
  /** Closes everything created from this client. Idempotent. */
  close(): Promise<void>
}

interface Closeable {
  close(): Promise<void>
}

export interface ClientInternals {
  readonly options: Readonly<ResolvedClientOptions>
  /** Fails with KAFKAKIT_CLOSED once the client is closed. */
  assertOpen(operation: string): void
  /** Closes `resource` when the client closes; returns a function that forgets it. */
  track(resource: Closeable): () => void
}

/**
 * Client internals, keyed by client. Kept on globalThis: the published packages bundle each entry point
 * (and ESM and CommonJS) separately, and `@kafkakit/core/internal` must find the clients that
 * `@kafkakit/core` made.
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
  const schemaRegistry = resolved.schemaRegistry
    ? createSchemaRegistry({ ...resolved.schemaRegistry, clientId: resolved.clientId })
    : undefined
  const resources = new Set<Closeable>()
  const codecs = new WeakMap<AnyTopic, Promise<TopicCodec<AnyTopic>>>()
  let closed: Promise<void> | undefined

  const assertOpen = (operation: string) => {
    if (closed)
      throw new KafkakitError(ErrorCode.CLOSED, `${operation} was called after the client was closed`)
  }
  const track = (resource: Closeable) => {
    resources.add(resource)
    return () => resources.delete(resource)
  }
  const close = () => {
    closed ??= Promise.allSettled([...resources].map((r) => r.close())).then(() => {
      resources.clear()
    })
    return closed
  }

  const client: KafkaClient = {
    clientId: resolved.clientId,
    brokers: resolved.brokers,
    logger,
    schemaRegistry,
    admin() {
      assertOpen('admin()')
      const admin = createKafkajsAdmin(resolved)
      const forget = track(admin)
      const closeAdmin = async () => {
        forget()
        await admin.close()
      }
      return { ...admin, close: closeAdmin, [Symbol.asyncDispose]: closeAdmin }
    },
    codec<T extends AnyTopic>(topic: T) {
      assertOpen('codec()')
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
    close,
    [Symbol.asyncDispose]: close,
  }
  internals.set(client, { options: resolved, assertOpen, track })
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
