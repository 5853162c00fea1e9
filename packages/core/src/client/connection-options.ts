import { z } from 'zod'
import type { Logger } from '../logging/logger.js'

/** A broker address, `host:port`. */
export const brokerAddress = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/, 'expected host:port, e.g. "127.0.0.1:9092"')

const pem = z.union([z.string(), z.instanceof(Buffer)])

const credentials = { username: z.string().min(1), password: z.string() }

/**
 * The defaults of the connection options, frozen: the schema applies them, and the transport applies
 * them to a partial connection (kafkakit's own admin helpers pass only brokers and a client id).
 */
export const connectionDefaults = Object.freeze({
  connectionTimeoutMs: 3000,
  requestTimeoutMs: 30_000,
  authenticationTimeoutMs: 10_000,
  retry: Object.freeze({ retries: 5, initialRetryTimeMs: 300, maxRetryTimeMs: 30_000 }),
  logLevel: 'info',
} as const)

/** The connection part of the client options: what a transport needs to reach the brokers. */
export const connectionOptionsShape = {
  /** Bootstrap brokers as `host:port`. Default: KAFKA_BOOTSTRAP_SERVERS (comma-separated). */
  brokers: z.array(brokerAddress).min(1, 'expected at least one broker').optional(),
  /** Sent to the brokers with every request (quotas, logs). */
  clientId: z.string().min(1).max(255).default('kafkakit'),
  /** TLS: true for the system's CAs, or the certificates to use. */
  ssl: z
    .union([
      z.boolean(),
      z.strictObject({
        ca: z.union([pem, z.array(pem)]).optional(),
        cert: pem.optional(),
        key: pem.optional(),
        passphrase: z.string().optional(),
        servername: z.string().optional(),
        rejectUnauthorized: z.boolean().default(true),
      }),
    ])
    .default(false),
  /** SASL authentication: PLAIN or SCRAM-SHA-256/512. */
  sasl: z
    .discriminatedUnion('mechanism', [
      z.strictObject({ mechanism: z.literal('plain'), ...credentials }),
      z.strictObject({ mechanism: z.literal('scram-sha-256'), ...credentials }),
      z.strictObject({ mechanism: z.literal('scram-sha-512'), ...credentials }),
    ])
    .optional(),
  /** Time to open a TCP connection, in ms. */
  connectionTimeoutMs: z.number().int().positive().default(connectionDefaults.connectionTimeoutMs),
  /**
   * Time a request may wait for its answer, in ms; a broker that takes longer (or never answers) fails
   * the call with KAFKAKIT_TIMEOUT, after the retries. The first request on a new connection waits this
   * long or connectionTimeoutMs, whichever is longer.
   */
  requestTimeoutMs: z.number().int().positive().default(connectionDefaults.requestTimeoutMs),
  /** Time SASL authentication may take, in ms. */
  authenticationTimeoutMs: z.number().int().positive().default(connectionDefaults.authenticationTimeoutMs),
  /** Retries of retriable failures, with exponential backoff. */
  retry: z
    .strictObject({
      retries: z.number().int().min(0).default(connectionDefaults.retry.retries),
      initialRetryTimeMs: z.number().int().positive().default(connectionDefaults.retry.initialRetryTimeMs),
      maxRetryTimeMs: z.number().int().positive().default(connectionDefaults.retry.maxRetryTimeMs),
    })
    .prefault({}),
  /** Where kafkakit (and the Kafka client under it) logs. Default: nowhere. */
  logger: z
    .custom<Logger>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        ['error', 'warn', 'info', 'debug'].every(
          (level) => typeof (value as Record<string, unknown>)[level] === 'function',
        ),
      'expected a logger with error, warn, info and debug methods (pino works)',
    )
    .optional(),
  /** The least severe Kafka client entries passed to the logger. */
  logLevel: z.enum(['error', 'warn', 'info', 'debug']).default(connectionDefaults.logLevel),
}

type ConnectionSchemaOutput = z.output<z.ZodObject<typeof connectionOptionsShape>>

/** The connection options with their defaults applied, as every transport receives them. */
export type ResolvedConnectionOptions = Omit<ConnectionSchemaOutput, 'brokers'> & {
  readonly brokers: readonly string[]
}

/** A partial connection, as an admin takes it (the admin of @kafkakit/testing passes only brokers and a client id). */
export type ConnectionOptions = Pick<ResolvedConnectionOptions, 'brokers' | 'clientId'> &
  Partial<Omit<ResolvedConnectionOptions, 'brokers' | 'clientId'>>
