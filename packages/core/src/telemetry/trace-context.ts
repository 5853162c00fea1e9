import {
  type Context,
  context,
  propagation,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api'

type HeaderCarrier = { readonly [name: string]: Buffer | string | readonly (Buffer | string)[] | undefined }

const setter: TextMapSetter<{ [name: string]: Buffer }> = {
  set: (carrier, key, value) => {
    carrier[key] = Buffer.from(value)
  },
}

const getter: TextMapGetter<HeaderCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const raw = carrier[key]
    const last = Array.isArray(raw) ? raw[raw.length - 1] : raw
    return last === undefined ? undefined : last.toString()
  },
}

/** Writes the active (or given) trace context into Kafka headers: W3C `traceparent`/`tracestate`, as configured. */
export function injectTraceContext(
  headers: { [name: string]: Buffer },
  from: Context = context.active(),
): void {
  propagation.inject(from, headers, setter)
}

/** The trace context a producer put into a record's headers (the root context when there is none). */
export function extractTraceContext(headers: HeaderCarrier, into: Context = context.active()): Context {
  return propagation.extract(into, headers, getter)
}
