import { createInterface } from 'node:readline'

/** Every line of a stream (without line endings); a final empty line is not a line. */
export async function readLines(input: NodeJS.ReadableStream): Promise<string[]> {
  const lines: string[] = []
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) lines.push(line)
  return lines
}
