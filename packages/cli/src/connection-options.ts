import { createClient, type KafkaClient } from '@kafkakit/core'
import type { OptionSpec, OptionValues } from './command.js'
import { stringOption } from './command.js'
import { UsageError } from './usage-error.js'

export const connectionOptions: { readonly [name: string]: OptionSpec } = {
  'bootstrap-servers': {
    type: 'string',
    short: 'b',
    value: 'HOST:PORT,...',
    description: 'brokers to connect to (default: KAFKA_BOOTSTRAP_SERVERS)',
  },
}

export const registryOption: { readonly [name: string]: OptionSpec } = {
  registry: {
    type: 'string',
    value: 'URL',
    description: 'schema-aware through the latest <topic>-value (and <topic>-key) subjects of this registry',
  },
}

/**
 * A client for the command's brokers. Connection failures surface within seconds: a 2 s connection timeout
 * and two quick retries, instead of a service's patient defaults.
 */
export function clientFromOptions(
  values: OptionValues,
  env: NodeJS.ProcessEnv,
  registryUrl?: string | undefined,
): KafkaClient {
  const servers = stringOption(values, 'bootstrap-servers') ?? env.KAFKA_BOOTSTRAP_SERVERS
  if (!servers?.trim()) {
    throw new UsageError('no brokers: pass --bootstrap-servers HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS')
  }
  return createClient({
    brokers: servers
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    clientId: 'kafkakit-cli',
    connectionTimeoutMs: 2000,
    retry: { retries: 2, initialRetryTimeMs: 250, maxRetryTimeMs: 1000 },
    ...(registryUrl ? { schemaRegistry: { url: registryUrl } } : {}),
  })
}
