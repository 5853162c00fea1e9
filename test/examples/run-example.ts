import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

export interface ExampleRun {
  readonly child: ChildProcess
  /** The stdout lines printed so far (each complete line, in order). */
  readonly lines: string[]
  /** Resolves when the process has exited and its output has been read. */
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
}

/** The folder of an example: `examples/<name>`. */
export const exampleDir = (name: string) => fileURLToPath(new URL(`../../examples/${name}/`, import.meta.url))

/**
 * Runs `command` (default: one of the example's scripts through tsx, as its npm scripts do) in the
 * example's folder, the way a user runs it, with `env` added to this process's environment.
 */
export function runExample(
  example: string,
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; command?: string } = {},
): ExampleRun {
  const command = options.command ?? process.execPath
  const child = spawn(command, options.command ? [...args] : ['--import', 'tsx', ...args], {
    cwd: exampleDir(example),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  let partial = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop()!
    lines.push(...parts)
  })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const done = once(child, 'close').then(([code, signal]) => {
    if (partial) lines.push(partial)
    return { code: code as number | null, signal: signal as NodeJS.Signals | null, stderr }
  })
  return { child, lines, done }
}
