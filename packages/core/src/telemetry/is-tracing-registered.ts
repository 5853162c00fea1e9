import { ProxyTracerProvider, propagation, trace } from '@opentelemetry/api'

/** What the API's tracer provider delegates to until an SDK registers one. */
const NOOP_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate()

/**
 * Whether a span or a propagated trace context could be observed: an SDK registered a tracer provider or
 * a propagator with OpenTelemetry's API. Without either, starting a span and injecting or extracting its
 * context do nothing anybody sees, and the per-send and per-record paths skip them. It is asked on every
 * call (a few property reads), so an SDK registered later is followed.
 */
export function isTracingRegistered(): boolean {
  const provider = trace.getTracerProvider()
  return (
    !(provider instanceof ProxyTracerProvider && provider.getDelegate() === NOOP_TRACER_PROVIDER) ||
    propagation.fields().length > 0
  )
}
