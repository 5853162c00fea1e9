import { z } from 'zod'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { parseJson } from '../serde/json-serde.js'
import type { Serde } from '../serde/serde.js'
import {
  type InferInput,
  type InferOutput,
  type StandardSchemaV1,
  validateSync,
} from '../serde/standard-schema.js'
import { decodeUtf8 } from '../serde/utf8.js'
import { readFrameId, writeFrame } from './confluent-frame.js'
import { requireRegistry } from './require-registry.js'
import { type SubjectStrategy, subjectName } from './subject-name.js'

export interface RegistryJsonOptions {
  readonly subjectStrategy?: SubjectStrategy
  /** Register the schema when the subject does not have it. Default false. */
  readonly autoRegister?: boolean
  /** The JSON Schema to register. Default: derived from a zod schema with `z.toJSONSchema`; required for other libraries. */
  readonly jsonSchema?: Record<string, unknown>
}

/**
 * JSON in the Confluent wire format, validated by a Standard Schema. The JSON Schema registered for the
 * subject comes from the zod schema itself (`z.toJSONSchema`), so the registry and the code cannot drift.
 */
export function registryJson<S extends StandardSchemaV1>(
  schema: S,
  options: RegistryJsonOptions = {},
): Serde<InferInput<S>, InferOutput<S>> {
  const jsonSchema = options.jsonSchema ?? toJsonSchema(schema)
  const text = JSON.stringify(jsonSchema)
  const title = typeof jsonSchema.title === 'string' ? jsonSchema.title : undefined
  const { subjectStrategy = 'topic', autoRegister = false } = options
  return {
    kind: `registry json${title ? ` ${title}` : ''}`,
    bind: async (context) => {
      const registry = requireRegistry(context)
      const subject = subjectName(subjectStrategy, context, title)
      const id = await registry.idFor(subject, { type: 'JSON', schema: text }, { autoRegister })
      const what = context.role
      const known = new Set([id])
      const decode = (payload: Buffer) =>
        validateSync(schema, parseJson(decodeUtf8(payload, what), what), what) as InferOutput<S>
      return {
        serialize: (value) => writeFrame(id, JSON.stringify(validateSync(schema, value, what))),
        deserialize(data) {
          const writerId = readFrameId(data, what)
          const payload = data.subarray(5)
          if (known.has(writerId)) return decode(payload)
          return registry.schemaById(writerId).then((writer) => {
            if (writer.type !== 'JSON') {
              throw new KafkakitError(
                ErrorCode.DESERIALIZATION,
                `Invalid ${what}: schema id ${writerId} is a ${writer.type} schema, not JSON Schema`,
                { details: { schemaId: writerId } },
              )
            }
            known.add(writerId)
            return decode(payload)
          })
        },
      }
    },
  }
}

function toJsonSchema(schema: StandardSchemaV1): Record<string, unknown> {
  if (schema['~standard'].vendor !== 'zod') {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `registryJson: pass options.jsonSchema for a ${schema['~standard'].vendor} schema (only zod schemas convert themselves)`,
    )
  }
  try {
    // The wire carries what validation outputs, so the registered schema describes the output side.
    return z.toJSONSchema(schema as unknown as z.ZodType, { target: 'draft-7', io: 'output' }) as Record<
      string,
      unknown
    >
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `registryJson: the zod schema has no JSON Schema form (${(error as Error).message}); pass options.jsonSchema`,
      { cause: error },
    )
  }
}
