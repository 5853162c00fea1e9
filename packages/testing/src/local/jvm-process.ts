import { type ChildProcess, spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { killGroup, unwatchProcess, watchProcess } from './reaper.js'

export interface JvmProcessOptions {
  readonly java: string
  readonly args: readonly string[]
  /** stdout and stderr are appended here. */
  readonly logFile: string
  readonly env?: NodeJS.ProcessEnv
  /** Working folder. Default: this process's. */
  readonly cwd?: string
}

export interface JvmExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** A JVM in its own process group, logging to a file, reaped if this process dies. Restartable. */
export class JvmProcess {
  readonly #options: JvmProcessOptions
  #child: ChildProcess | undefined
  #exited: Promise<JvmExit> = Promise.resolve({ code: null, signal: null })

  constructor(options: JvmProcessOptions) {
    this.#options = options
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null
  }

  /** Settles when the current run ends (immediately when not running). */
  get exited(): Promise<JvmExit> {
    return this.#exited
  }

  start(): void {
    if (this.running) return
    const log = openSync(this.#options.logFile, 'a')
    try {
      const child = spawn(this.#options.java, [...this.#options.args], {
        detached: true,
        stdio: ['ignore', log, log],
        env: this.#options.env ?? process.env,
        ...(this.#options.cwd ? { cwd: this.#options.cwd } : {}),
      })
      this.#child = child
      const pid = child.pid
      if (pid !== undefined) watchProcess(pid)
      this.#exited = new Promise((resolve) => {
        child.once('error', () => resolve({ code: null, signal: null }))
        child.once('exit', (code, signal) => {
          if (pid !== undefined) unwatchProcess(pid)
          resolve({ code, signal })
        })
      })
    } finally {
      closeSync(log)
    }
  }

  signal(signal: NodeJS.Signals): void {
    const pid = this.#child?.pid
    if (pid !== undefined && this.running) killGroup(pid, signal)
  }

  async kill(): Promise<void> {
    this.signal('SIGKILL')
    await this.#exited
  }

  /** SIGTERM (after SIGCONT, in case it is paused); SIGKILL when it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return
    this.signal('SIGCONT')
    this.signal('SIGTERM')
    const stopped = await Promise.race([this.#exited.then(() => true), sleep(graceMs).then(() => false)])
    if (!stopped) await this.kill()
    await this.#exited
  }
}
