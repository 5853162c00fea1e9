import { uniqueName } from '@kafkakit/testing'
import { runPython } from './run-python.js'

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
