import {
  Attr,
  endSpan,
  extractTraceContext,
  type IncomingRecord,
  MESSAGING_SYSTEM_KAFKA,
  OperationType,
  TRACER_NAME,
} from '@kafkakit/core/internal'
import { type Context, context, ROOT_CONTEXT, type Span, SpanKind, trace } from '@opentelemetry/api'

const tracer = trace.getTracer(TRACER_NAME)

/**
 * Runs `work` (one handler call) in a CONSUMER span `process {topic}` (OpenTelemetry messaging conventions):
 * a child of the producer's context carried in the record's headers, and linked to it, with group,
 * partition and offset attributes. Inside `work` the span is active, so what the handler sends continues
 * the trace.
 */
export function inProcessSpan<R>(
  topic: string,
  groupId: string,
  record: IncomingRecord,
  attempt: number,
  work: () => R,
): R | Promise<Awaited<R>> {
  const parent = extractTraceContext(record.headers, ROOT_CONTEXT)
  const producerSpan = trace.getSpanContext(parent)
  const span = tracer.startSpan(
    `process ${topic}`,
    { kind: SpanKind.CONSUMER, ...(producerSpan ? { links: [{ context: producerSpan }] } : {}) },
    parent,
  )
  // Nobody records and nothing was propagated: no context to carry.
  if (!span.isRecording() && !producerSpan) return work()
  if (span.isRecording()) {
    span.setAttributes({
      [Attr.MESSAGING_SYSTEM]: MESSAGING_SYSTEM_KAFKA,
      [Attr.MESSAGING_OPERATION_TYPE]: OperationType.PROCESS,
      [Attr.MESSAGING_OPERATION_NAME]: 'process',
      [Attr.MESSAGING_DESTINATION_NAME]: topic,
      [Attr.MESSAGING_CONSUMER_GROUP_NAME]: groupId,
      [Attr.MESSAGING_DESTINATION_PARTITION_ID]: String(record.partition),
      [Attr.MESSAGING_KAFKA_OFFSET]: Number(record.offset),
      [Attr.KAFKAKIT_ATTEMPT]: attempt,
    })
    if (record.value === null) span.setAttribute(Attr.MESSAGING_KAFKA_MESSAGE_TOMBSTONE, true)
  }
  return inSpan(span, trace.setSpan(parent, span), work)
}

async function inSpan<R>(span: Span, active: Context, work: () => R): Promise<Awaited<R>> {
  try {
    const result = await context.with(active, work)
    endSpan(span)
    return result
  } catch (error) {
    endSpan(span, error)
    throw error
  }
}
