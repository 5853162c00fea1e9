import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { SerdeContext } from '../serde/serde.js'
import type { SchemaRegistry } from './schema-registry.js'

/** The registry a registry-backed serde needs, or a KAFKAKIT_CONFIG error saying where to configure it. */
export function requireRegistry(context: SerdeContext): SchemaRegistry {
  if (!context.registry) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `Topic ${context.topic}: its ${context.role} uses a schema registry serde, but no schema registry is configured (createClient({ schemaRegistry: { url } }))`,
    )
  }
  return context.registry
}
