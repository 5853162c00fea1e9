#!/usr/bin/env node
import { runCli } from './run-cli.js'

const controller = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // The first signal asks the command to stop cleanly (a consumer leaves its group); a second one, or
    // a command that takes too long to stop, ends the process.
    if (controller.signal.aborted) process.exit(130)
    controller.abort()
    setTimeout(() => process.exit(130), 10_000).unref()
  })
}

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
}).then((code) => {
  // Connections the Kafka client keeps alive must not hold the process open.
  process.exit(code)
})
