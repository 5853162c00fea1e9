import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { createConsumer, type DeadLetterInfo, readDeadLetterHeaders } from '@kafkakit/consumer'
import type { KafkaClient } from '@kafkakit/core'
import type { deadLetterTopic } from './payment-topic.js'

/** One record of a dead-letter topic, for printing. */
export interface DeadLetter {
  readonly partition: number
  readonly offset: string
  readonly key: string | null
  /** The value as text (it is the failed record's bytes, which may not be valid JSON). */
  readonly value: string | null
  /**
   * Its headers decoded (Spring Kafka's `kafka_dlt-*` and kafkakit's `kafkakit-*`): where the record was
   * first consumed, the error that sent it here, how many attempts it had. Printed as JSON, the timestamp
   * is ISO 8601 and a header the record does not carry (errorCode for a handler's own error) is left out.
   */
  readonly headers: DeadLetterInfo
}

/**
 * Reads `count` dead letters from `from` on (each partition's offset; earlier runs' dead letters are
 * skipped), in a group of its own that commits nothing. Rejects after `timeoutMs` with what was missing.
 */
export async function readDeadLetters(
  client: KafkaClient,
  topic: ReturnType<typeof deadLetterTopic>,
  from: ReadonlyMap<number, bigint>,
  count: number,
  timeoutMs: number,
): Promise<DeadLetter[]> {
  const found: DeadLetter[] = []
  if (count === 0) return found
  const enough = new AbortController()
  await using consumer = createConsumer(client, {
    groupId: `dead-letter-reader-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    commit: 'manual',
    handler: (message) => {
      if (found.length >= count || BigInt(message.offset) < (from.get(message.partition) ?? 0n)) return
      found.push({
        partition: message.partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? null,
        headers: readDeadLetterHeaders(message.rawHeaders),
      })
      if (found.length >= count) enough.abort()
    },
  })
  await consumer.start()
  const timedOut = sleep(timeoutMs, 'timeout' as const, { ref: false })
  if ((await Promise.race([once(enough.signal, 'abort'), timedOut])) === 'timeout') {
    throw new Error(
      `only ${found.length} of ${count} dead letters read from ${topic.name} in ${timeoutMs} ms`,
    )
  }
  return found
}
