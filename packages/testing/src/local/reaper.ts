import { type ChildProcess, spawn } from 'node:child_process'

/**
 * A watchdog process, like testcontainers' Ryuk: it reads "+ pid" / "- pid" / "D dir" lines on stdin and,
 * when stdin closes (this process ended in any way, SIGKILL included), kills every registered process group
 * and removes every registered folder. It runs in its own process group, so a Ctrl-C does not reach it first.
 */
const reaperScript = `
const { rmSync } = require('node:fs')
const pids = new Set(), dirs = new Set()
let buffer = ''
process.on('SIGINT', () => {}); process.on('SIGHUP', () => {})
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => {
  buffer += chunk
  for (let i = buffer.indexOf('\\n'); i >= 0; i = buffer.indexOf('\\n')) {
    const line = buffer.slice(0, i); buffer = buffer.slice(i + 1)
    const op = line[0], arg = line.slice(2)
    if (op === '+') pids.add(Number(arg)); else if (op === '-') pids.delete(Number(arg))
    else if (op === 'D') dirs.add(arg); else if (op === 'd') dirs.delete(arg)
  }
})
process.stdin.on('end', () => {
  for (const pid of pids) { try { process.kill(-pid, 'SIGKILL') } catch {} try { process.kill(pid, 'SIGKILL') } catch {} }
  setTimeout(() => { for (const dir of dirs) { try { rmSync(dir, { recursive: true, force: true }) } catch {} } process.exit(0) }, 1000)
})
`

let reaper: ChildProcess | undefined
const live = new Set<number>()

function send(line: string): void {
  if (!reaper) {
    reaper = spawn(process.execPath, ['-e', reaperScript], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    reaper.unref()
    ;(reaper.stdin as unknown as { unref?: () => void }).unref?.()
    reaper.stdin?.on('error', () => undefined)
    process.once('exit', () => {
      for (const pid of live) killGroup(pid, 'SIGKILL')
    })
  }
  reaper.stdin?.write(`${line}\n`)
}

/** Registers a process group leader to be SIGKILLed when this process exits without stopping it. */
export function watchProcess(pid: number): void {
  live.add(pid)
  send(`+ ${pid}`)
}

export function unwatchProcess(pid: number): void {
  live.delete(pid)
  send(`- ${pid}`)
}

/** Registers a folder to be removed when this process exits without removing it. */
export function watchDir(dir: string): void {
  send(`D ${dir}`)
}

export function unwatchDir(dir: string): void {
  send(`d ${dir}`)
}

/** Signals a whole process group, falling back to the single process; a process already gone is no error. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    try {
      process.kill(pid, signal)
    } catch {
      // already gone
    }
  }
}
