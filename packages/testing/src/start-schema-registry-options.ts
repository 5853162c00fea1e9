import { parseOptions } from '@kafkakit/core/internal'
import { z } from 'zod'
import { serviceOptions } from './service-options.js'

/** The newest Apicurio Registry on Maven Central that runs on Java 17 (3.3.x needs Java 21). */
export const DEFAULT_APICURIO_VERSION = '3.0.9'

const startSchemaRegistryOptionsSchema = z.strictObject({
  /** Apicurio Registry 3.x version (local and container mode). */
  version: z
    .string()
    .regex(/^3\.\d+\.\d+$/, 'expected an Apicurio Registry 3.x version, e.g. "3.0.9"')
    .default(DEFAULT_APICURIO_VERSION),
  /** The registry-wide compatibility level set once it is up. Default BACKWARD, as in Confluent's registry. */
  compatibility: z
    .enum([
      'BACKWARD',
      'BACKWARD_TRANSITIVE',
      'FORWARD',
      'FORWARD_TRANSITIVE',
      'FULL',
      'FULL_TRANSITIVE',
      'NONE',
    ])
    .default('BACKWARD'),
  ...serviceOptions,
})

export type StartSchemaRegistryOptions = z.input<typeof startSchemaRegistryOptionsSchema>
export type ResolvedStartSchemaRegistryOptions = z.output<typeof startSchemaRegistryOptionsSchema>

export function resolveStartSchemaRegistryOptions(
  options: StartSchemaRegistryOptions = {},
): Readonly<ResolvedStartSchemaRegistryOptions> {
  return parseOptions(startSchemaRegistryOptionsSchema, options, 'startSchemaRegistry options')
}

/** The Java feature version an Apicurio Registry release needs: 3.3 and later are built for Java 21. */
export function apicurioJavaVersion(version: string): number {
  const minor = Number(version.split('.')[1])
  return minor >= 3 ? 21 : 17
}
