import { uniqueName } from '@kafkakit/testing'
import { runPython } from './run-python.js'

/**
 * The values of a topic, read by librdkafka (a client that shares no code with kafkajs), read_committed
 * unless told otherwise: `count` of them, or with `count` -1 every record until none arrives for `idleSeconds`.
 */
export async function readWithLibrdkafka(
  bootstrapServers: string,
  topic: string,
  count: number,
  options: { readonly isolation?: 'read_committed' | 'read_uncommitted'; readonly idleSeconds?: number } = {},
): Promise<string[]> {
  const lines = await runPython('read_all.py', [
    `--bootstrap=${bootstrapServers}`,
    `--topic=${topic}`,
    `--group=${uniqueName('verifier')}`,
    `--count=${count}`,
    `--idle=${options.idleSeconds ?? 15}`,
    `--isolation=${options.isolation ?? 'read_committed'}`,
  ])
  return lines.map((line) => line.split(' ').slice(2).join(' '))
}
