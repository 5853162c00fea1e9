import type { KafkaConfig, SASLOptions } from 'kafkajs'
import { type ConnectionOptions, connectionDefaults } from '../client/connection-options.js'
import { silentLogger } from '../logging/logger.js'
import { kafkajsLogCreator, kafkajsLogLevel } from './kafkajs-log-creator.js'

/** kafkajs's configuration for kafkakit's connection options. */
export function toKafkajsConfig(options: ConnectionOptions): KafkaConfig {
  const logger = options.logger ?? silentLogger
  return {
    brokers: [...options.brokers],
    clientId: options.clientId,
    connectionTimeout: options.connectionTimeoutMs ?? connectionDefaults.connectionTimeoutMs,
    requestTimeout: options.requestTimeoutMs ?? connectionDefaults.requestTimeoutMs,
    authenticationTimeout: options.authenticationTimeoutMs ?? connectionDefaults.authenticationTimeoutMs,
    retry: {
      retries: options.retry?.retries ?? connectionDefaults.retry.retries,
      initialRetryTime: options.retry?.initialRetryTimeMs ?? connectionDefaults.retry.initialRetryTimeMs,
      maxRetryTime: options.retry?.maxRetryTimeMs ?? connectionDefaults.retry.maxRetryTimeMs,
    },
    ...(options.ssl ? { ssl: options.ssl === true ? true : { ...options.ssl } } : {}),
    ...(options.sasl ? { sasl: { ...options.sasl } as SASLOptions } : {}),
    logLevel: logger === silentLogger ? 0 : kafkajsLogLevel[options.logLevel ?? connectionDefaults.logLevel],
    logCreator: kafkajsLogCreator(logger),
  }
}
