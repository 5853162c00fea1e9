/**
 * A signal that aborts on the first Ctrl-C (SIGINT) or SIGTERM, so a program can finish what it is doing,
 * stop its clients and exit 0. A second signal exits at once.
 */
export function shutdownSignal(): AbortSignal {
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143)
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return controller.signal
}
