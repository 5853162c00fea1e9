import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import { createClient, type KafkaClient } from '@kafkakit/core'
import { afterEach, beforeEach } from 'vitest'

/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers: a broker that hangs, for tests of
 * what waits for one (and of what an abort leaves connected). It is not Kafka and pretends nothing.
 */
export interface SilentBroker extends AsyncDisposable {
  /** `127.0.0.1:<port>`, to pass as a broker. */
  readonly address: string
  /** Connections accepted so far. */
  accepted(): number
  /** Connections still open. */
  open(): number
  stop(): Promise<void>
}

export async function startSilentBroker(): Promise<SilentBroker> {
  const sockets = new Set<Socket>()
  let accepted = 0
  const server = createServer((socket) => {
    accepted++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    // Reads and drops what it is sent, so that the client's FIN is seen and the connection closes.
    socket.resume()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  const stop = async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  }
  return {
    address: `127.0.0.1:${port}`,
    accepted: () => accepted,
    open: () => sockets.size,
    stop,
    [Symbol.asyncDispose]: stop,
  }
}

/** How long a request to a silent broker waits before it fails, in these tests' clients. */
export const SILENT_REQUEST_TIMEOUT_MS = 3000

/** A client of `broker` whose connection attempts fail after SILENT_REQUEST_TIMEOUT_MS (one retry). */
export function silentBrokerClient(broker: SilentBroker): KafkaClient {
  return createClient({
    brokers: [broker.address],
    requestTimeoutMs: SILENT_REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: 1000,
    retry: { retries: 1, initialRetryTimeMs: 50, maxRetryTimeMs: 100 },
  })
}

/** Runs `call` and resolves to how it settled and how long it took, in ms. */
export async function timed(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now()
  const error = await call().then(
    () => undefined,
    (failure: unknown) => failure,
  )
  return { error, ms: performance.now() - started }
}

/** A new silent broker for each test of the file (started before it, stopped after it), as one handle. */
export function silentBrokerPerTest(): SilentBroker {
  let current: SilentBroker | undefined
  beforeEach(async () => {
    current = await startSilentBroker()
  })
  afterEach(() => current?.stop())
  const broker = () => {
    if (!current) throw new Error('the silent broker runs only during a test')
    return current
  }
  return {
    get address() {
      return broker().address
    },
    accepted: () => broker().accepted(),
    open: () => broker().open(),
    stop: () => broker().stop(),
    [Symbol.asyncDispose]: () => broker().stop(),
  }
}
