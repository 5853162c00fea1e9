import { parseOptions } from '@kafkakit/core/internal'
import { z } from 'zod'

/** The newest Apache Kafka whose artifacts all resolve from Maven Central (4.4.0 lacks kafka-tools-api there). */
export const DEFAULT_KAFKA_VERSION = '4.3.1'

const startKafkaOptionsSchema = z.strictObject({
  /** 1 = a single combined KRaft node; 3 = a KRaft quorum of three, replication factor 3, min.insync.replicas 2. */
  nodes: z.union([z.literal(1), z.literal(3)], { error: 'expected 1 or 3' }).default(1),
  /** auto = external (1 node, KAFKA_BOOTSTRAP_SERVERS set), else container (a runtime found), else local. */
  mode: z.enum(['auto', 'external', 'container', 'local']).default('auto'),
  /** Apache Kafka version for local and container mode, 3.7.0 or newer. */
  kafkaVersion: z
    .string()
    .regex(/^(3\.([7-9])|[4-9]\.\d+)\.\d+$/, 'expected an Apache Kafka version 3.7.0 or newer, e.g. "4.3.1"')
    .default(DEFAULT_KAFKA_VERSION),
  /** Broker settings that override kafkakit's, e.g. `{ 'message.max.bytes': 2097152 }`. */
  brokerConfig: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** How long a start (or a node restart) may take before it fails, in ms. */
  startTimeoutMs: z.number().int().positive().default(180_000),
  /** Local mode: the JDK to use (its bin/java); default: JAVA_HOME, then java on PATH, then well-known JDK folders. */
  javaHome: z.string().min(1).optional(),
  /** Local mode: the Maven command. Default: KAFKAKIT_MVN, else mvn on PATH. */
  mavenCommand: z.string().min(1).optional(),
  /** Local mode: extra JVM arguments for every broker. */
  jvmArgs: z.array(z.string()).default([]),
  /** Container mode: the image. Default apache/kafka:<kafkaVersion>. */
  containerImage: z.string().min(1).optional(),
  /** Keep the broker logs after a successful stop (they are always kept after a failed start). */
  keepLogs: z.boolean().default(false),
  signal: z.instanceof(AbortSignal).optional(),
})

export type StartKafkaOptions = z.input<typeof startKafkaOptionsSchema>
export type ResolvedStartKafkaOptions = z.output<typeof startKafkaOptionsSchema>

export function resolveStartKafkaOptions(
  options: StartKafkaOptions = {},
): Readonly<ResolvedStartKafkaOptions> {
  return parseOptions(startKafkaOptionsSchema, options, 'startKafka options')
}
