/** Where a command reads and writes: the process's streams, or a test's. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
  readonly env: NodeJS.ProcessEnv
  /** Fires on SIGINT/SIGTERM: long-running commands stop cleanly. */
  readonly signal: AbortSignal
}
