import type { AnyTopic } from '@kafkakit/core'
import { parseOptions } from '@kafkakit/core/internal'
import { z } from 'zod'

const consumerOptionsSchema = z.strictObject({
  groupId: z.string().min(1),
  topics: z
    .array(
      z.custom<AnyTopic>(
        (t) => typeof t === 'object' && t !== null && 'name' in t && 'value' in t,
        'expected topics made by defineTopic()',
      ),
    )
    .min(1),
  handler: z.custom<(message: never) => unknown>((v) => typeof v === 'function', 'expected a function'),
  /** Where a group without committed offsets starts: the earliest record (true) or new records only. */
  fromBeginning: z.boolean().default(false),
  /**
   * 'after-process' (default): an offset is committed only after its handler succeeded.
   * 'auto': offsets are committed on an interval as records are received (at most once).
   * 'manual': the handler calls message.commit().
   */
  commit: z.enum(['after-process', 'auto', 'manual']).default('after-process'),
  /** With 'after-process' and 'auto': commit at least this often, in ms (and at the end of every batch). */
  autoCommitIntervalMs: z.number().int().positive().default(5000),
  /** With 'after-process' and 'auto': commit whenever this many records were processed since the last commit. */
  autoCommitEveryRecords: z.number().int().positive().default(500),
  /** Partitions processed at the same time; records of one partition always in order. */
  concurrency: z.number().int().positive().default(1),
  /** In-place retries of a failing handler: exponential backoff with jitter. */
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).default(3),
      initialDelayMs: z.number().int().min(0).default(200),
      maxDelayMs: z.number().int().min(0).default(10_000),
      multiplier: z.number().min(1).default(2),
      jitter: z.number().min(0).max(1).default(0.2),
    })
    .default({ attempts: 3, initialDelayMs: 200, maxDelayMs: 10_000, multiplier: 2, jitter: 0.2 }),
  /**
   * Where records go after their last attempt, and records that cannot be decoded: a dead-letter topic
   * (default `<topic>-dlt`). Without it, such a record stops its partition (nothing is skipped silently).
   */
  deadLetter: z
    .union([
      z.literal(true),
      z.strictObject({
        topic: z.custom<(topic: string) => string>((v) => typeof v === 'function').optional(),
      }),
    ])
    .optional(),
  /** Read only committed transactional records (exactly-once pipelines). */
  readCommitted: z.boolean().default(false),
  sessionTimeoutMs: z.number().int().positive().default(30_000),
  heartbeatIntervalMs: z.number().int().positive().default(3000),
  rebalanceTimeoutMs: z.number().int().positive().default(60_000),
})

export type ResolvedConsumerOptions = z.output<typeof consumerOptionsSchema>

export function resolveConsumerOptions(options: unknown): Readonly<ResolvedConsumerOptions> {
  return parseOptions(consumerOptionsSchema, options, 'consumer options')
}
