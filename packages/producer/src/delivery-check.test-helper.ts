import { uniqueName } from '@kafkakit/testing'
import { runPython } from '../../../test/interop/run-python.js'

export interface DeliveryReport {
  /** Acknowledged values that are not in the topic. */
  readonly lost: string[]
  /** Values that are in the topic more than once. */
  readonly duplicates: string[]
}

/** Compares what the producer had acknowledged with what a reader found. */
export function checkDelivery(acknowledged: Iterable<string>, seen: readonly string[]): DeliveryReport {
  const counts = new Map<string, number>()
  for (const value of seen) counts.set(value, (counts.get(value) ?? 0) + 1)
  return {
    lost: [...acknowledged].filter((value) => !counts.has(value)),
    duplicates: [...counts].filter(([, count]) => count > 1).map(([value]) => value),
  }
}

/** Every value of a topic, read by librdkafka (a client that shares no code with kafkajs). */
export async function readWithLibrdkafka(
  bootstrapServers: string,
  topic: string,
  count: number,
): Promise<string[]> {
  const lines = await runPython('read_all.py', [
    `--bootstrap=${bootstrapServers}`,
    `--topic=${topic}`,
    `--group=${uniqueName('verifier')}`,
    `--count=${count}`,
    '--idle=15',
  ])
  return lines.map((line) => line.split(' ').slice(2).join(' '))
}
