import { parseOptions } from '@kafkakit/core/internal'
import { z } from 'zod'

/** The newest Apicurio Registry on Maven Central that runs on Java 17 (3.3.x needs Java 21). */
export const DEFAULT_APICURIO_VERSION = '3.0.9'

const startSchemaRegistryOptionsSchema = z.strictObject({
  /** auto = external (SCHEMA_REGISTRY_URL set), else container (a runtime found), else local. */
  mode: z.enum(['auto', 'external', 'container', 'local']).default('auto'),
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
  /** How long the start may take before it fails, in ms. */
  startTimeoutMs: z.number().int().positive().default(180_000),
  /** Local mode: the JDK to use; default: the first Java new enough for the version (JAVA_HOME, PATH, JDK folders). */
  javaHome: z.string().min(1).optional(),
  /** Local mode: the Maven command. Default: KAFKAKIT_MVN, else mvn on PATH. */
  mavenCommand: z.string().min(1).optional(),
  /** Local mode: extra JVM arguments. */
  jvmArgs: z.array(z.string()).default([]),
  /** Container mode: the image. Default apicurio/apicurio-registry:<version>. */
  containerImage: z.string().min(1).optional(),
  /** Keep the log after a successful stop (it is always kept after a failed start). */
  keepLogs: z.boolean().default(false),
  signal: z.instanceof(AbortSignal).optional(),
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
