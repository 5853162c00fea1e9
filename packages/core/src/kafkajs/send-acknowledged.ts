import type { Message, RecordMetadata, TopicMessages } from 'kafkajs'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { Logger } from '../logging/logger.js'
import type { Acks, PartitionAck, TopicRecords } from '../transport/producer-transport.js'
import { fromKafkajsError } from './kafkajs-error.js'

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
export async function sendAcknowledged(
  logger: Logger,
  acks: Acks,
  send: (topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>,
  batches: readonly TopicRecords[],
): Promise<PartitionAck[]> {
  const acknowledged: PartitionAck[] = []
  let pending = batches.filter((b) => b.records.length > 0)
  for (let attempt = 0; pending.length > 0; attempt++) {
    const topics = () => pending.map((b) => b.topic).join(', ')
    if (attempt > MAX_RESENDS) {
      throw new KafkakitError(
        ErrorCode.KAFKA,
        `send to ${topics()}: partitions stayed unacknowledged after ${MAX_RESENDS} resends`,
        {
          retriable: true,
        },
      )
    }
    let answers: RecordMetadata[]
    try {
      answers = await send(
        pending.map((b) => ({ topic: b.topic, messages: b.records as unknown as Message[] })),
      )
    } catch (error) {
      throw fromKafkajsError(error, `send to ${topics()}`)
    }
    if (acks === 0) return unanswered(pending)
    const answered = new Map<string, Set<number>>()
    for (const answer of answers) {
      const partitions = answered.get(answer.topicName) ?? new Set<number>()
      answered.set(answer.topicName, partitions)
      partitions.add(answer.partition)
      acknowledged.push({
        topic: answer.topicName,
        partition: answer.partition,
        baseOffset: answer.baseOffset ?? '-1',
      })
    }
    const missing: TopicRecords[] = []
    for (const batch of pending) {
      const partitions = answered.get(batch.topic)
      const left = partitions ? batch.records.filter((r) => !partitions.has(r.partition)) : batch.records
      if (left.length > 0) missing.push({ topic: batch.topic, records: left })
    }
    if (missing.length > 0) {
      logger.warn(
        {
          partitions: missing.flatMap((b) => [...new Set(b.records.map((r) => `${b.topic}-${r.partition}`))]),
        },
        'kafkajs resolved a send without acknowledging every partition (kafkajs#1303); sending those records again',
      )
    }
    pending = missing
  }
  return acknowledged
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
