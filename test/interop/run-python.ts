import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { interopPython } from './interop-python.mjs'

const run = promisify(execFile)

/**
 * Runs one of the Python interop scripts beside this file with the interop environment
 * (`npm run setup:interop` creates it) and returns its stdout lines.
 */
export async function runPython(script: string, args: string[], stdin?: string): Promise<string[]> {
  const python = interopPython()
  if (!existsSync(python)) throw new Error(`${python} is missing: run "npm run setup:interop" first`)
  const path = fileURLToPath(new URL(script, import.meta.url))
  const child = run(python, [path, ...args], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 })
  if (stdin !== undefined) {
    child.child.stdin?.end(stdin)
  }
  try {
    const { stdout } = await child
    return stdout.split('\n').filter(Boolean)
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string }
    throw new Error(`${script} failed: ${failed.message}\n${failed.stderr ?? ''}`)
  }
}
