import type { RecordMetadata, TopicMessages } from 'kafkajs'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { Logger } from '../logging/logger.js'
import type { Acks, PartitionAck, TopicRecords, TransportRecord } from '../transport/producer-transport.js'
import { fromKafkajsError } from './kafkajs-error.js'
import { toKafkajsMessage } from './kafkajs-message.js'

/** How often a send is repeated for partitions kafkajs resolved without acknowledging. */
const MAX_RESENDS = 10

/**
 * Sends through kafkajs and insists that every partition that went in comes back acknowledged.
 *
 * kafkajs's retry (src/producer/sendMessages.js) resends only to brokers that have not answered yet.
 * When a failed leader's partitions move to a broker that already answered, the retry sends nothing for
 * them and the send resolves although those records were never written (kafkajs#1303). The missing
 * partitions are sent again here; the idempotent producer reuses their sequence numbers (kafkajs rolls
 * them back on a failed request), so a batch that did land is not written twice.
 */
export function sendAcknowledged(
  logger: Logger,
  acks: Acks,
  send: (topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>,
  batches: readonly TopicRecords[],
): Promise<PartitionAck[]> {
  const pending = batches.every((b) => b.records.length > 0)
    ? batches
    : batches.filter((b) => b.records.length > 0)
  if (pending.length === 0) return Promise.resolve([])
  return attempt({ logger, acks, send }, pending, [], 0)
}

interface Sending {
  readonly logger: Logger
  readonly acks: Acks
  readonly send: (topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>
}

const topicNames = (batches: readonly TopicRecords[]) => batches.map((b) => b.topic).join(', ')

/** One request for `pending`, then again for whatever partitions came back unacknowledged. */
function attempt(
  sending: Sending,
  pending: readonly TopicRecords[],
  acknowledged: PartitionAck[],
  resends: number,
): Promise<PartitionAck[]> {
  if (resends > MAX_RESENDS) {
    return Promise.reject(
      new KafkakitError(
        ErrorCode.KAFKA,
        `send to ${topicNames(pending)}: partitions stayed unacknowledged after ${MAX_RESENDS} resends`,
        { retriable: true },
      ),
    )
  }
  let answered: Promise<RecordMetadata[]>
  try {
    answered = sending.send(
      pending.map((b) => ({ topic: b.topic, messages: b.records.map(toKafkajsMessage) })),
    )
  } catch (error) {
    answered = Promise.reject(error)
  }
  // Callbacks rather than an async loop: this runs once per request, and every await costs a promise.
  return answered.then(
    (answers) => {
      if (sending.acks === 0) return unanswered(pending)
      for (const answer of answers) {
        acknowledged.push({
          topic: answer.topicName,
          partition: answer.partition,
          baseOffset: answer.baseOffset ?? '-1',
        })
      }
      const missing = unacknowledged(pending, answers)
      if (missing.length === 0) return acknowledged
      sending.logger.warn(
        {
          partitions: missing.flatMap((b) => [...new Set(b.records.map((r) => `${b.topic}-${r.partition}`))]),
        },
        'kafkajs resolved a send without acknowledging every partition (kafkajs#1303); sending those records again',
      )
      return attempt(sending, missing, acknowledged, resends + 1)
    },
    (error: unknown) => {
      throw fromKafkajsError(error, `send to ${topicNames(pending)}`)
    },
  )
}

/** The records of `pending` whose partition has no answer. */
function unacknowledged(
  pending: readonly TopicRecords[],
  answers: readonly RecordMetadata[],
): TopicRecords[] {
  const missing: TopicRecords[] = []
  for (const batch of pending) {
    // The partitions answered for this topic; records check them in a loop (no closures per record).
    const answered: number[] = []
    for (const answer of answers) if (answer.topicName === batch.topic) answered.push(answer.partition)
    const lookup = answered.length > 8 ? new Set(answered) : undefined
    let left: TransportRecord[] | undefined
    for (const record of batch.records) {
      if (lookup ? lookup.has(record.partition) : answered.includes(record.partition)) continue
      left ??= []
      left.push(record)
    }
    if (left) missing.push({ topic: batch.topic, records: left })
  }
  return missing
}

/** With acks=0 the broker answers nothing: every partition gets offset '-1'. */
function unanswered(batches: readonly TopicRecords[]): PartitionAck[] {
  return batches.flatMap((b) =>
    [...new Set(b.records.map((r) => r.partition))].map((partition) => ({
      topic: b.topic,
      partition,
      baseOffset: '-1',
    })),
  )
}
