import { spawn } from 'node:child_process'
import { ErrorCode, KafkakitError } from '@kafkakit/core'
import type { JavaRuntime } from './find-java.js'

export interface RunMavenOptions {
  readonly mavenCommand: string | undefined
  readonly java: JavaRuntime
  /** What Maven is fetching, for error messages. */
  readonly purpose: string
  readonly cwd?: string
  readonly signal?: AbortSignal | undefined
}

/** The Maven command to run: the option, else KAFKAKIT_MVN, else mvn on PATH. */
export function mavenCommand(option: string | undefined): string {
  return option ?? (process.env.KAFKAKIT_MVN || 'mvn')
}

/**
 * Runs Maven in batch mode. A missing Maven is a KAFKAKIT_ENVIRONMENT error; a failed build a
 * KAFKAKIT_START_FAILED error quoting Maven's own error lines (usually a missing artifact or no network).
 */
export function runMaven(args: readonly string[], options: RunMavenOptions): Promise<void> {
  const command = mavenCommand(options.mavenCommand)
  const env = { ...process.env, ...(options.java.home ? { JAVA_HOME: options.java.home } : {}) }
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['-B', '-q', ...args], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    })
    let output = ''
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new KafkakitError(
            ErrorCode.ENVIRONMENT,
            `Maven was not found (tried "${command}"); it is needed to fetch ${options.purpose}. ` +
              'Install Maven 3.6+ (e.g. apt-get install maven), or set KAFKAKIT_MVN to its path; ' +
              'or set KAFKA_BOOTSTRAP_SERVERS to use a running cluster.',
            { cause: error },
          ),
        )
      } else {
        reject(
          new KafkakitError(
            ErrorCode.START_FAILED,
            `Maven failed to fetch ${options.purpose}: ${error.message}`,
            { cause: error },
          ),
        )
      }
    })
    child.once('close', (code) => {
      if (code === 0) return resolve()
      const errors = output
        .split('\n')
        .filter((line) => line.includes('ERROR'))
        .slice(0, 3)
        .join(' ')
      reject(
        new KafkakitError(
          ErrorCode.START_FAILED,
          `Maven failed to fetch ${options.purpose} (exit ${code}): ${errors || output.slice(-500)}`,
          { details: { exitCode: code } },
        ),
      )
    })
  })
}
