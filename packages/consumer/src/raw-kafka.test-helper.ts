import { uniqueName, waitFor } from '@kafkakit/testing'
import { Kafka, logLevel } from 'kafkajs'

/** Test-side access to the broker with plain kafkajs: what the consumer under test must read or wrote. */
export function rawKafka(bootstrapServers: string) {
  const raw = new Kafka({ brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING })

  /** Writes raw records (bytes the consumer must decode, or refuse) with kafkajs. */
  async function produceRaw(
    topic: string,
    messages: { key: string; value: string | Buffer; headers?: Record<string, string>; partition?: number }[],
  ) {
    const producer = raw.producer()
    await producer.connect()
    try {
      await producer.send({ topic, messages })
    } finally {
      await producer.disconnect()
    }
  }

  async function committedOffset(groupId: string, topic: string, partition: number): Promise<string> {
    const admin = raw.admin()
    await admin.connect()
    try {
      const [answer] = await admin.fetchOffsets({ groupId, topics: [topic] })
      return answer!.partitions.find((p) => p.partition === partition)!.offset
    } finally {
      await admin.disconnect()
    }
  }

  /** Waits until the group's committed offset of the topic's partition (default 0) is `offset`. */
  function untilCommitted(groupId: string, topic: string, offset: string, partition = 0): Promise<true> {
    return waitFor(async () => (await committedOffset(groupId, topic, partition)) === offset, {
      timeoutMs: 60_000,
      description: `offset ${offset} committed`,
    })
  }

  /**
   * The records of a topic as raw bytes and headers, read by kafkajs from the beginning: at least `count`,
   * then whatever else arrives within `quietMs` (to catch extras). readCommitted skips aborted records.
   */
  async function readRaw(
    topic: string,
    count: number,
    options: { readCommitted?: boolean; quietMs?: number } = {},
  ) {
    const consumer = raw.consumer({ groupId: uniqueName('reader'), readUncommitted: !options.readCommitted })
    const out: {
      partition: number
      offset: string
      key: Buffer | null
      value: Buffer | null
      headers: Record<string, Buffer | Buffer[] | undefined>
    }[] = []
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        out.push({
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          headers: message.headers as Record<string, Buffer>,
        })
      },
    })
    await waitFor(() => out.length >= count, {
      timeoutMs: 60_000,
      description: `${count} records in ${topic}`,
    })
    if (options.quietMs) await new Promise((resolve) => setTimeout(resolve, options.quietMs))
    await consumer.disconnect()
    return out
  }

  return { raw, produceRaw, committedOffset, untilCommitted, readRaw }
}
