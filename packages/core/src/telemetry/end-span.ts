import { type Span, SpanStatusCode } from '@opentelemetry/api'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { Attr } from './semantic-conventions.js'

/** Ends a span; with an error, records it first (exception event, ERROR status, `error.type`). */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error as Error)
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message })
    span.setAttribute(
      Attr.ERROR_TYPE,
      KafkakitError.is(error) ? error.code : ((error as Error).name ?? 'Error'),
    )
  }
  span.end()
}
