import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** The built bin, as users run it (integration tests need `npm run build` first, as CI does). */
export const builtCli = join(import.meta.dirname, '..', 'dist', 'cli.js')

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** stdout's lines that are JSON objects, parsed. */
  readonly records: Record<string, unknown>[]
  readonly ms: number
}

/** Runs `node dist/cli.js ...args` with `input` on stdin and the given environment additions. */
export function kafkakit(
  args: readonly string[],
  options: {
    input?: string
    env?: NodeJS.ProcessEnv
    timeoutMs?: number
    /** Sends SIGINT once stdout so far passes this check. */
    interruptWhen?: (stdout: string) => boolean
  } = {},
): Promise<CliRun> {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run npm run build first`)
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    let interrupted = false
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk)
      if (!interrupted && options.interruptWhen?.(Buffer.concat(out).toString())) {
        interrupted = true
        child.kill('SIGINT')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      const stdout = Buffer.concat(out).toString()
      resolve({
        code,
        stdout,
        stderr: Buffer.concat(err).toString(),
        records: stdout.split('\n').flatMap((line) => {
          try {
            const parsed = JSON.parse(line) as unknown
            return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
              ? [parsed as Record<string, unknown>]
              : []
          } catch {
            return []
          }
        }),
        ms: Date.now() - started,
      })
    })
    child.stdin.end(options.input ?? '')
  })
}
