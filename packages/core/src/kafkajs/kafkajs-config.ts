import type { KafkaConfig, SASLOptions } from 'kafkajs'
import type { ResolvedClientOptions } from '../client/client-options.js'
import { silentLogger } from '../logging/logger.js'
import { kafkajsLogCreator, kafkajsLogLevel } from './kafkajs-log-creator.js'

/** The connection part of the client options, as the admin of @kafkakit/testing also passes it. */
export type ConnectionOptions = Pick<ResolvedClientOptions, 'brokers' | 'clientId'> &
  Partial<
    Pick<
      ResolvedClientOptions,
      | 'ssl'
      | 'sasl'
      | 'connectionTimeoutMs'
      | 'requestTimeoutMs'
      | 'authenticationTimeoutMs'
      | 'retry'
      | 'logger'
      | 'logLevel'
    >
  >

/** kafkajs's configuration for kafkakit's connection options. */
export function toKafkajsConfig(options: ConnectionOptions): KafkaConfig {
  const logger = options.logger ?? silentLogger
  return {
    brokers: [...options.brokers],
    clientId: options.clientId,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    authenticationTimeout: options.authenticationTimeoutMs ?? 10_000,
    retry: {
      retries: options.retry?.retries ?? 5,
      initialRetryTime: options.retry?.initialRetryTimeMs ?? 300,
      maxRetryTime: options.retry?.maxRetryTimeMs ?? 30_000,
    },
    ...(options.ssl ? { ssl: options.ssl === true ? true : { ...options.ssl } } : {}),
    ...(options.sasl ? { sasl: { ...options.sasl } as SASLOptions } : {}),
    logLevel: logger === silentLogger ? 0 : kafkajsLogLevel[options.logLevel ?? 'info'],
    logCreator: kafkajsLogCreator(logger),
  }
}
