import { z } from 'zod'

/** The options every service the harness starts (a Kafka cluster, a schema registry) shares. */
export const serviceOptions = {
  /** auto = external (its environment variable set), else container (a runtime found), else local. */
  mode: z.enum(['auto', 'external', 'container', 'local']).default('auto'),
  /** How long a start (or a node restart) may take before it fails, in ms. */
  startTimeoutMs: z.number().int().positive().default(180_000),
  /** Local mode: the JDK to use (its bin/java); default: JAVA_HOME, then java on PATH, then the usual JDK folders. */
  javaHome: z.string().min(1).optional(),
  /** Local mode: the Maven command. Default: KAFKAKIT_MVN, else mvn on PATH. */
  mavenCommand: z.string().min(1).optional(),
  /** Local mode: extra JVM arguments. */
  jvmArgs: z.array(z.string()).default([]),
  /** Container mode: the image (default: the official one for the version). */
  containerImage: z.string().min(1).optional(),
  /** Keep the logs after a successful stop (they are always kept after a failed start). */
  keepLogs: z.boolean().default(false),
  signal: z.instanceof(AbortSignal).optional(),
}
