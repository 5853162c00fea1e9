import { parseOptions } from '@kafkakit/core/internal'
import { z } from 'zod'
import { serviceOptions } from './service-options.js'

/** The newest Apache Kafka whose artifacts all resolve from Maven Central (4.4.0 lacks kafka-tools-api there). */
export const DEFAULT_KAFKA_VERSION = '4.3.1'

const startKafkaOptionsSchema = z.strictObject({
  /** 1 = a single combined KRaft node; 3 = a KRaft quorum of three, replication factor 3, min.insync.replicas 2. */
  nodes: z.union([z.literal(1), z.literal(3)], { error: 'expected 1 or 3' }).default(1),
  /** Apache Kafka version for local and container mode, 3.7.0 or newer. */
  kafkaVersion: z
    .string()
    .regex(/^(3\.([7-9])|[4-9]\.\d+)\.\d+$/, 'expected an Apache Kafka version 3.7.0 or newer, e.g. "4.3.1"')
    .default(DEFAULT_KAFKA_VERSION),
  /** Broker settings that override kafkakit's, e.g. `{ 'message.max.bytes': 2097152 }`. */
  brokerConfig: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  ...serviceOptions,
})

export type StartKafkaOptions = z.input<typeof startKafkaOptionsSchema>
export type ResolvedStartKafkaOptions = z.output<typeof startKafkaOptionsSchema>

export function resolveStartKafkaOptions(
  options: StartKafkaOptions = {},
): Readonly<ResolvedStartKafkaOptions> {
  return parseOptions(startKafkaOptionsSchema, options, 'startKafka options')
}
