import { type AnyTopic, ErrorCode, KafkakitError } from '@kafkakit/core'
import { parseOptions } from '@kafkakit/core/internal'
import { z } from 'zod'

const fn = <F>(what: string) => z.custom<F>((v) => typeof v === 'function', `expected ${what}`)

/**
 * A topic name given as text: a name, or a template where `{topic}` stands for the consumed topic's name
 * (and, for retry topics, `{n}` for the stage, from 1). Kafka topic names cannot contain braces, so no
 * name is mistaken for a template.
 */
const nameTemplate = (placeholders: string) =>
  z
    .string()
    .min(1)
    .regex(
      new RegExp(`^(?:[a-zA-Z0-9._-]|\\{(?:${placeholders})\\})+$`),
      `expected a topic name (letters, digits, ".", "_", "-"), with {${placeholders.split('|').join('} and {')}} where wanted`,
    )

const retrySchema = z.strictObject({
  /** Handler runs per record in place, the first included. */
  attempts: z.number().int().min(1).default(3),
  initialDelayMs: z.number().int().min(0).default(200),
  maxDelayMs: z.number().int().min(0).default(10_000),
  multiplier: z.number().min(1).default(2),
  /** How much of each delay is random: 0.2 takes it from 80 % to 120 %. */
  jitter: z.number().min(0).max(1).default(0.2),
})

/**
 * The one definition of the consumer options: what `createConsumer` accepts (ConsumerOptions and
 * ExactlyOnceConsumerOptions derive from it, adding the types that depend on the topics), their defaults
 * and their checks.
 */
const consumerOptionsSchema = z.strictObject({
  groupId: z.string().min(1),
  /** The topics to consume, made by defineTopic(). */
  topics: z
    .array(
      z.custom<AnyTopic>(
        (t) => typeof t === 'object' && t !== null && 'name' in t && 'value' in t,
        'expected topics made by defineTopic()',
      ),
    )
    .min(1),
  /** Handles one record at a time (records of one partition in order). Give this or batchHandler. */
  handler: fn<(message: never, context: never) => unknown>('a function').optional(),
  /** Handles the records of one partition fetched together, in order. Give this or handler. */
  batchHandler: fn<(messages: never, context: never) => unknown>('a function').optional(),
  /** Where a group without committed offsets starts: the earliest record (true) or new records only. */
  fromBeginning: z.boolean().default(false),
  /**
   * 'after-process' (default): an offset is committed only after its handler succeeded.
   * 'auto': offsets are committed on an interval as records are received (at most once).
   * 'manual': the handler calls `message.commit()` (only then does the message have it).
   */
  commit: z.enum(['after-process', 'auto', 'manual']).default('after-process'),
  /** With 'after-process' and 'auto': commit at least this often, in ms (and at the end of every batch). */
  autoCommitIntervalMs: z.number().int().positive().default(5000),
  /** With 'after-process' and 'auto': commit whenever this many records were processed since the last commit. */
  autoCommitEveryRecords: z.number().int().positive().default(500),
  /** Partitions processed at the same time; records of one partition always in order. */
  concurrency: z.number().int().positive().default(1),
  /** In-place retries of a failing handler: exponential backoff with jitter. */
  retry: retrySchema.prefault({}),
  /**
   * Retry topics: after its in-place attempts a record moves to `<topic>-retry-1`, to be handled again
   * `delaysMs[0]` later, then `-retry-2` after `delaysMs[1]`, ...; after the last one, the dead-letter topic.
   * A record that is not yet due pauses only its own partition. The consumer reads the retry topics too
   * (they must exist, like the topics).
   */
  retryTopics: z
    .strictObject({
      delaysMs: z.array(z.number().int().positive()).min(1).readonly(),
      /**
       * The n-th retry topic's name (n from 1); default `<topic>-retry-<n>`. A function, or a name where
       * `{topic}` and `{n}` are replaced, e.g. `'{topic}.retry.{n}'` (each retry topic needs a name of its own).
       */
      topic: z
        .union(
          [
            nameTemplate('topic|n'),
            fn<(topic: string, n: number) => string>('a function (topic, n) => name'),
          ],
          {
            error:
              'expected a topic name (with {topic} and {n} where wanted) or a function (topic, n) => name',
          },
        )
        .optional(),
    })
    .optional(),
  /**
   * Where records go after their last attempt, and records that cannot be decoded: a dead-letter topic
   * (default `<topic>-dlt`). Without it, such a record stops its partition (nothing is skipped silently).
   */
  deadLetter: z
    .union(
      [
        z.literal(true),
        z.strictObject({
          /**
           * The dead-letter topic's name: a function, or a name where `{topic}` is replaced, e.g.
           * `'{topic}.DLT'`; a plain name such as `'payments-dlt'` takes the dead letters of every topic (the
           * `kafka_dlt-original-topic` header tells them apart).
           */
          topic: z
            .union([nameTemplate('topic'), fn<(topic: string) => string>('a function (topic) => name')], {
              error: 'expected a topic name (with {topic} where wanted) or a function (topic) => name',
            })
            .optional(),
        }),
      ],
      { error: 'expected true, or { topic } with a topic name or a function (topic) => name' },
    )
    .optional(),
  /**
   * Exactly-once consume-transform-produce: each record's handler runs in a transaction with the
   * consumed offsets, one transactional producer per input partition (its id fences older instances).
   */
  exactlyOnce: z
    .strictObject({
      /** `createTransactionalProducer` from @kafkakit/producer (or a compatible factory). */
      producer: fn<(client: never, options: never) => unknown>('createTransactionalProducer'),
      /** Transactional ids are `<prefix>-<topic>-<partition>`; default: the group id. */
      transactionalIdPrefix: z.string().min(1).optional(),
      /** Records handled in one transaction, at most. */
      maxRecordsPerTransaction: z.number().int().positive().default(500),
    })
    .optional(),
  /** How long a fetch may wait for new records, in ms (Java's fetch.max.wait.ms); stop() waits for it too. */
  fetchMaxWaitMs: z.number().int().positive().default(500),
  /** Read only committed transactional records (always on with exactlyOnce). */
  readCommitted: z.boolean().default(false),
  /** How long stop() lets running handlers finish before it aborts their signal and leaves anyway, in ms. */
  shutdownTimeoutMs: z.number().int().positive().default(30_000),
  /** `process {topic}` CONSUMER spans (when @opentelemetry/instrumentation-kafkajs is not active). */
  telemetry: z.boolean().default(true),
  /** The broker drops a member it has not heard from for this long, in ms (session.timeout.ms). */
  sessionTimeoutMs: z.number().int().positive().default(30_000),
  /** How often the member tells the broker it is alive, in ms (heartbeat.interval.ms). */
  heartbeatIntervalMs: z.number().int().positive().default(3000),
  /** How long a rebalance waits for every member to rejoin, in ms (the Java client's max.poll.interval.ms). */
  rebalanceTimeoutMs: z.number().int().positive().default(60_000),
})

/**
 * The consumer options as the schema takes them (before defaults). The parts typed per call (the topics,
 * the handlers and their messages, the commit mode that decides the message type, the transactional
 * producer factory) are composed on top in ConsumerOptions and ExactlyOnceConsumerOptions.
 */
export type ConsumerOptionsInput = z.input<typeof consumerOptionsSchema>

/** How offsets are committed: see the `commit` option. */
export type CommitMode = NonNullable<ConsumerOptionsInput['commit']>

export type ResolvedConsumerOptions = z.output<typeof consumerOptionsSchema>

export function resolveConsumerOptions(options: unknown): Readonly<ResolvedConsumerOptions> {
  const resolved = parseOptions(consumerOptionsSchema, options, 'consumer options')
  const invalid = (message: string) =>
    new KafkakitError(ErrorCode.CONFIG, `Invalid consumer options: ${message}`)
  if ((resolved.handler === undefined) === (resolved.batchHandler === undefined))
    throw invalid('give exactly one of handler and batchHandler')
  if (resolved.exactlyOnce) {
    if (resolved.batchHandler) throw invalid('exactlyOnce takes a handler, not a batchHandler')
    if (resolved.commit !== 'after-process')
      throw invalid('exactlyOnce commits offsets in its transactions: leave commit at "after-process"')
    return Object.freeze({ ...resolved, readCommitted: true })
  }
  return resolved
}
