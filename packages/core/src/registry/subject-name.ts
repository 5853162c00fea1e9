import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import type { SerdeContext } from '../serde/serde.js'

/**
 * How a registry subject is named (Confluent's strategies): `topic` (TopicNameStrategy, the default):
 * `<topic>-key` / `<topic>-value`; `record`: the record's full name; `topic-record`: `<topic>-<full name>`.
 */
export type SubjectStrategy = 'topic' | 'record' | 'topic-record'

export function subjectName(
  strategy: SubjectStrategy,
  context: SerdeContext,
  recordName: string | undefined,
): string {
  if (context.role === 'header') {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `Topic ${context.topic}: registry serdes are for keys and values, not headers`,
    )
  }
  if (strategy === 'topic') return `${context.topic}-${context.role}`
  if (!recordName) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `Topic ${context.topic}: the "${strategy}" subject strategy needs a named schema (an Avro record, or a JSON Schema with a title)`,
    )
  }
  return strategy === 'record' ? recordName : `${context.topic}-${recordName}`
}
