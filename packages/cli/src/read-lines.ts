import { createInterface } from 'node:readline'
import { ErrorCode, KafkakitError } from '@kafkakit/core'

/** Every line of a stream (without line endings); a final empty line is not a line. */
export async function readLines(input: NodeJS.ReadableStream, signal: AbortSignal): Promise<string[]> {
  const lines: string[] = []
  try {
    for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, signal })) {
      lines.push(line)
    }
  } catch (error) {
    if (signal.aborted) throw new KafkakitError(ErrorCode.ABORTED, 'Interrupted while reading standard input')
    throw error
  }
  return lines
}
