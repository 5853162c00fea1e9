import { PassThrough } from 'node:stream'
import { runCli } from './run-cli.js'

/** Runs the CLI in this process with in-memory stdio: its exit code and what it wrote. */
export async function runCliInMemory(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const out: Buffer[] = []
  const err: Buffer[] = []
  stdout.on('data', (chunk: Buffer) => out.push(chunk))
  stderr.on('data', (chunk: Buffer) => err.push(chunk))
  const code = await runCli([...argv], {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env,
    signal: new AbortController().signal,
  })
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }
}
