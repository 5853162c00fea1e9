/**
 * The Kafka client library under a kafkakit client. Users only choose one (`createClient({ transport })`);
 * kafkakit's packages reach its producers, consumers and admin through {@link transportInternals}.
 */

import type { KafkaAdmin } from '../admin/kafka-admin.js'
import type { ConnectionOptions, ResolvedConnectionOptions } from '../client/connection-options.js'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { ConsumerTransport, ConsumerTransportOptions } from './consumer-transport.js'
import type { Compression, ProducerTransport, ProducerTransportOptions } from './producer-transport.js'

declare const transportBrand: unique symbol

/**
 * A Kafka client library for kafkakit to run on, made by a transport factory (`kafkajs()` of
 * @kafkakit/core, the default; `platformatic()` of @kafkakit/transport-platformatic). Opaque: pass it to
 * `createClient({ transport })`.
 */
export interface Transport {
  readonly [transportBrand]: true
  /** 'kafkajs', 'platformatic', ...: for logs and error messages. */
  readonly name: string
}

export type GroupProtocol = 'classic' | 'consumer'

/** What kafkakit's policy branches on: everything else every transport provides, natively or emulated. */
export interface TransportCapabilities {
  /** Group protocols this transport can join with ('consumer' is KIP-848). */
  readonly groupProtocols: readonly GroupProtocol[]
  /**
   * A transactional offset commit can carry the consumer's group metadata (KIP-447): one transactional
   * producer per consumer is then safe. Without it exactly-once uses one producer per input partition.
   */
  readonly transactionalGroupMetadata: boolean
  /** A revoked partition's work can be committed before the partition is given up. */
  readonly gracefulRevocation: boolean
  /** Codecs this transport can write (and read) on this runtime. */
  readonly compression: readonly Compression[]
  /** Per-partition pause and seek are emulated by the transport, not native to its library. */
  readonly emulatedPartitionPause: boolean
}

/** What a transport provides to kafkakit's own packages. No semver promise. */
export interface TransportInternals {
  readonly name: string
  readonly capabilities: TransportCapabilities
  producer(client: Readonly<ResolvedConnectionOptions>, options: ProducerTransportOptions): ProducerTransport
  consumer(client: Readonly<ResolvedConnectionOptions>, options: ConsumerTransportOptions): ConsumerTransport
  /** An admin client that connects on its first call. */
  admin(connection: ConnectionOptions): KafkaAdmin
  /**
   * True when an OpenTelemetry instrumentation of the library already makes producer and consumer spans:
   * kafkakit then makes none of its own, so each send and each record has one span.
   */
  isInstrumented(): boolean
}

/**
 * Transport internals, keyed by transport. Kept on globalThis: a program may load both the ESM and the
 * CommonJS build of @kafkakit/core, and each must understand the transports that the other made.
 */
const registry = globalThis as { [key: symbol]: WeakMap<Transport, TransportInternals> | undefined }
const internalsKey = Symbol.for('kafkakit.transportInternals')
registry[internalsKey] ??= new WeakMap()
const transports = registry[internalsKey]

/** For transport packages: makes the opaque value that users pass to createClient(). */
export function defineTransport(internals: TransportInternals): Transport {
  const transport = Object.freeze({ name: internals.name }) as Transport
  transports.set(transport, Object.freeze({ ...internals }))
  return transport
}

/** True for a value made by {@link defineTransport}. */
export function isTransport(value: unknown): value is Transport {
  return typeof value === 'object' && value !== null && transports.has(value as Transport)
}

/** For kafkakit's own packages: the producers, consumers and admin of `transport`. */
export function transportInternals(transport: Transport): TransportInternals {
  const found = transports.get(transport)
  if (!found) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      'Expected a transport made by a kafkakit transport factory (kafkajs() of @kafkakit/core, platformatic() of @kafkakit/transport-platformatic)',
    )
  }
  return found
}
