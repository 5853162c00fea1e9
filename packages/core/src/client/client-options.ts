import { z } from 'zod'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { bootstrapFromEnv } from '../options/bootstrap-from-env.js'
import { parseOptions } from '../options/parse-options.js'
import { schemaRegistryOptionsSchema } from '../registry/schema-registry.js'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../topic/topic-codec.js'
import { isTransport, type Transport } from '../transport/transport.js'
import { brokerAddress, connectionOptionsShape } from './connection-options.js'

/** The one definition of the client options: ClientOptions and ResolvedClientOptions derive from it. */
const clientOptionsSchema = z.strictObject({
  ...connectionOptionsShape,
  /** A Confluent-compatible schema registry, for registry serdes (createSchemaRegistry's options; the client id is the client's). */
  schemaRegistry: schemaRegistryOptionsSchema.omit({ clientId: true }).optional(),
  /** Records larger than this are rejected before sending (match the topic's max.message.bytes). */
  maxMessageBytes: z.number().int().positive().default(DEFAULT_MAX_MESSAGE_BYTES),
  /**
   * The Kafka client library underneath: kafkajs() (the default) or platformatic() of
   * @kafkakit/transport-platformatic. Every producer, consumer and admin of the client uses it.
   */
  transport: z
    .custom<Transport>(
      isTransport,
      'expected a transport made by a kafkakit transport factory, e.g. platformatic() of @kafkakit/transport-platformatic',
    )
    .optional(),
})

export type ClientOptions = z.input<typeof clientOptionsSchema>
export type ResolvedClientOptions = Omit<z.output<typeof clientOptionsSchema>, 'brokers'> & {
  readonly brokers: readonly string[]
}

/** Validates client options (never mutating them) and applies defaults and KAFKA_BOOTSTRAP_SERVERS. */
export function resolveClientOptions(options: ClientOptions = {}): Readonly<ResolvedClientOptions> {
  const resolved = parseOptions(clientOptionsSchema, options, 'client options')
  const brokers = resolved.brokers ?? bootstrapFromEnv()
  if (!brokers) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      'Invalid client options: brokers: none given; pass brokers: ["host:port"] or set KAFKA_BOOTSTRAP_SERVERS',
      { details: { fields: ['brokers'] } },
    )
  }
  if (resolved.brokers === undefined) parseOptions(z.array(brokerAddress), brokers, 'KAFKA_BOOTSTRAP_SERVERS')
  return Object.freeze({ ...resolved, brokers: Object.freeze([...brokers]) })
}
