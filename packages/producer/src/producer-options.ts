import { parseOptions } from '@kafkakit/core/internal'
import { z } from 'zod'

/** Chooses the partition of a record without an explicit one. */
export type Partitioner = (input: { topic: string; key: Buffer | null; partitionCount: number }) => number

/**
 * The one definition of the producer options (ProducerOptions and ResolvedProducerOptions derive from
 * it; the transactional producer takes its compression, ackTimeoutMs and telemetry from it too).
 */
export const producerOptionsObject = z.strictObject({
  /** 'all' waits for every in-sync replica; 1 for the leader only; 0 for nothing (fire and forget). */
  acks: z.union([z.literal('all'), z.literal(1), z.literal(0)]).default('all'),
  /** Exactly one copy of each record per send, even when the producer retries. Needs acks 'all'. */
  idempotent: z.boolean().default(true),
  /** gzip is built in; snappy and lz4 come with kafkakit; zstd needs Node.js 22.15+. */
  compression: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']).default('none'),
  /** How long the broker may wait for replication before answering, in ms. */
  ackTimeoutMs: z.number().int().positive().default(30_000),
  /** 'murmur2' hashes keys as the Java client does (keyless sends stick to one partition per call); or a function. */
  partitioner: z
    .union([
      z.literal('murmur2'),
      z.custom<Partitioner>((v) => typeof v === 'function', 'expected a function'),
    ])
    .default('murmur2'),
  /** Wait up to this long to gather sends into one request; 0 sends each call at once. */
  lingerMs: z.number().int().min(0).default(0),
  /** With lingerMs, send as soon as this many records are gathered. */
  batchSize: z.number().int().positive().default(1000),
  /** Records accepted but not yet acknowledged, at most. */
  maxBufferedRecords: z.number().int().positive().default(100_000),
  /** When the buffer is full: wait for room (up to bufferTimeoutMs), or reject at once. */
  onBufferFull: z.enum(['wait', 'reject']).default('wait'),
  bufferTimeoutMs: z.number().int().positive().default(60_000),
  /** PRODUCER spans and traceparent headers (skipped when @opentelemetry/instrumentation-kafkajs is active). */
  telemetry: z.boolean().default(true),
})

const producerOptionsSchema = producerOptionsObject.refine((o) => !(o.idempotent && o.acks !== 'all'), {
  message: 'an idempotent producer needs acks "all"; set idempotent: false to use acks 0 or 1',
  path: ['idempotent'],
})

export type ProducerOptions = z.input<typeof producerOptionsSchema>
export type ResolvedProducerOptions = z.output<typeof producerOptionsSchema>

export function resolveProducerOptions(options: ProducerOptions = {}): Readonly<ResolvedProducerOptions> {
  return parseOptions(producerOptionsSchema, options, 'producer options')
}
