/** One log method, called pino-style: `(fields, message)` or `(message)`. */
export type LogFn = (fieldsOrMessage: object | string, message?: string) => void

/** The logger kafkakit writes to: pino, or anything with these four methods. */
export interface Logger {
  error: LogFn
  warn: LogFn
  info: LogFn
  debug: LogFn
}

const noop: LogFn = () => {}

/** Logs nothing: kafkakit's default. */
export const silentLogger: Logger = Object.freeze({ error: noop, warn: noop, info: noop, debug: noop })

export type LogLevel = 'error' | 'warn' | 'info' | 'debug'
const rank: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 }

/** A logger that writes one JSON line per entry at `level` and above to stderr. */
export function consoleLogger(level: LogLevel = 'info'): Logger {
  const at =
    (entryLevel: LogLevel): LogFn =>
    (fieldsOrMessage, message) => {
      if (rank[entryLevel] > rank[level]) return
      const fields = typeof fieldsOrMessage === 'string' ? {} : fieldsOrMessage
      const msg = typeof fieldsOrMessage === 'string' ? fieldsOrMessage : message
      process.stderr.write(`${JSON.stringify({ level: entryLevel, time: Date.now(), ...fields, msg })}\n`)
    }
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }
}

const secret = /pass(word)?|secret|token|credential|authorization|sasl|^key$|^cert$|^ca$/i
const payload = /^(value|values|messages|payload|body)$/i

/** A copy of `fields` with credentials and payloads replaced, safe to log. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fields)) {
    out[name] = secret.test(name) ? '[redacted]' : payload.test(name) ? '[payload omitted]' : value
  }
  return out
}
