import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { packageRoot } from './local/package-root.js'
import { waitFor } from './wait-for.js'

const run = promisify(execFile)

/** Pids of the JVMs whose command line mentions the run folder (the brokers and nothing else). */
async function jvmsUnder(dir: string): Promise<number[]> {
  const { stdout } = await run('pgrep', ['-f', dir]).catch(() => ({ stdout: '' }))
  return stdout.split('\n').filter(Boolean).map(Number)
}

test('no broker outlives a test process that is SIGKILLed (the reaper kills it and removes its data)', async () => {
  const dist = join(packageRoot(), 'dist', 'index.js')
  expect(existsSync(dist), `${dist} is missing: run "npm run build" first`).toBe(true)
  const script = `
    const { startKafka } = await import(${JSON.stringify(dist)})
    const cluster = await startKafka({ mode: 'local' })
    console.log(JSON.stringify({ logDir: cluster.logDir }))
    setInterval(() => {}, 1000)
  `
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const lines = createInterface({ input: child.stdout })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) =>
      reject(new Error(`the child exited (${code}) before its cluster started: ${stderr}`)),
    )
  })
  const { logDir } = JSON.parse(first) as { logDir: string }
  const dataDir = join(logDir, 'node-1', 'data')
  expect(await jvmsUnder(logDir)).toHaveLength(1)
  expect(existsSync(dataDir)).toBe(true)

  child.kill('SIGKILL')

  await waitFor(async () => (await jvmsUnder(logDir)).length === 0, {
    timeoutMs: 15_000,
    description: 'the orphaned broker to be killed',
  })
  await waitFor(() => !existsSync(dataDir), {
    timeoutMs: 15_000,
    description: 'the orphaned data to be removed',
  })
  expect(existsSync(join(logDir, 'node-1', 'broker.log'))).toBe(true)
  await rm(logDir, { recursive: true, force: true })
})
