import type { TopicPartitionOffset } from '@kafkakit/core'
import type { PartitionAck, TransportRecord } from '@kafkakit/core/internal'
import {
  Attr,
  endSpan,
  injectTraceContext,
  isTracingRegistered,
  MESSAGING_SYSTEM_KAFKA,
  OperationType,
  TRACER_NAME,
} from '@kafkakit/core/internal'
import { type Context, context, propagation, type Span, SpanKind, trace } from '@opentelemetry/api'
import { recordPosition, recordPositions } from './prepare-records.js'

/** kafkakit's tracer: a proxy that follows whatever provider is registered, now or later. */
const tracer = trace.getTracer(TRACER_NAME)

/**
 * A PRODUCER span `send {topic}` (OpenTelemetry messaging conventions) around one send, with its context
 * injected into every record's headers as W3C traceparent, so consumers continue the trace.
 */
export function startSendSpan(topic: string, clientId: string, records: readonly TransportRecord[]): Span {
  const span = tracer.startSpan(`send ${topic}`, { kind: SpanKind.PRODUCER })
  if (span.isRecording()) {
    span.setAttributes({
      [Attr.MESSAGING_SYSTEM]: MESSAGING_SYSTEM_KAFKA,
      [Attr.MESSAGING_OPERATION_TYPE]: OperationType.SEND,
      [Attr.MESSAGING_OPERATION_NAME]: 'send',
      [Attr.MESSAGING_DESTINATION_NAME]: topic,
      [Attr.MESSAGING_CLIENT_ID]: clientId,
    })
    if (records.length > 1) span.setAttribute(Attr.MESSAGING_BATCH_MESSAGE_COUNT, records.length)
    if (records.every((r) => r.partition === records[0]!.partition)) {
      span.setAttribute(Attr.MESSAGING_DESTINATION_PARTITION_ID, String(records[0]!.partition))
    }
    if (records.length === 1 && records[0]!.value === null)
      span.setAttribute(Attr.MESSAGING_KAFKA_MESSAGE_TOMBSTONE, true)
  }
  const fields = propagation.fields()
  if (fields.length > 0) {
    const spanContext: Context = trace.setSpan(context.active(), span)
    // A record that already carries a trace context (a forwarded record, say) keeps it.
    for (const record of records) {
      if (record.headers && fields.some((field) => field in record.headers!)) continue
      const headers = { ...record.headers } as { [name: string]: Buffer }
      injectTraceContext(headers, spanContext)
      ;(record as { headers: TransportRecord['headers'] }).headers = headers
    }
  }
  return span
}

/**
 * Runs `send` inside a PRODUCER span (when `telemetry` is on and an OpenTelemetry SDK is registered) and
 * returns where the records landed: one position for a `single` record sent as itself, else one per
 * record in order. `settled` runs first when the send settles, either way. The one place both producers
 * wrap a send. Callbacks, not an async function: this runs once per send.
 */
export function tracedSend(
  telemetry: boolean,
  topic: string,
  clientId: string,
  records: readonly TransportRecord[],
  single: boolean,
  send: () => Promise<readonly PartitionAck[]>,
  settled?: () => void,
): Promise<TopicPartitionOffset | TopicPartitionOffset[]> {
  const span = telemetry && isTracingRegistered() ? startSendSpan(topic, clientId, records) : undefined
  let sent: Promise<readonly PartitionAck[]>
  try {
    sent = send()
  } catch (error) {
    sent = Promise.reject(error)
  }
  return sent.then(
    (acks) => {
      settled?.()
      const positions = single
        ? recordPosition(topic, records[0]!.partition, acks)
        : recordPositions(topic, records, acks)
      if (span) endSpan(span)
      return positions
    },
    (error: unknown) => {
      settled?.()
      if (span) endSpan(span, error)
      throw error
    },
  )
}
