import type avsc from 'avsc'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import {
  type AvroSchema,
  type AvroType,
  decodeAvro,
  encodeAvroFramed,
  parseAvroSchema,
} from '../serde/avro-type.js'
import type { Serde } from '../serde/serde.js'
import {
  type InferInput,
  type InferOutput,
  type StandardSchemaV1,
  validateSync,
} from '../serde/standard-schema.js'
import { readFrameId } from './confluent-frame.js'
import { requireRegistry } from './require-registry.js'
import type { SchemaRegistry } from './schema-registry.js'
import { type SubjectStrategy, subjectName } from './subject-name.js'

export interface RegistryAvroOptions<S extends StandardSchemaV1 | undefined = undefined> {
  /** How the subject is named. Default `topic` (`<topic>-value`). */
  readonly subjectStrategy?: SubjectStrategy
  /** Register the schema when the subject does not have it. Default false: it must be registered already. */
  readonly autoRegister?: boolean
  /** A Standard Schema (e.g. zod) checked too: before encoding, and after decoding. */
  readonly validate?: S
}

/**
 * Avro in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary), readable by Java,
 * Python and librdkafka clients. This schema is the writer schema when producing and the reader schema when
 * consuming: records written with another registered version are resolved into it (Avro schema evolution).
 * Once bound, encoding is synchronous; decoding is too for schema ids already seen.
 */
export function registryAvro<T = unknown>(schema: AvroSchema, options?: RegistryAvroOptions): Serde<T>
export function registryAvro<S extends StandardSchemaV1>(
  schema: AvroSchema,
  options: RegistryAvroOptions<S> & { readonly validate: S },
): Serde<InferInput<S>, InferOutput<S>>
export function registryAvro(
  schema: AvroSchema,
  options: RegistryAvroOptions<StandardSchemaV1 | undefined> = {},
): Serde<unknown> {
  const type = parseAvroSchema(schema)
  // Registered and looked up as the caller wrote it: the registry compares schema text, and avsc's own
  // schema() would drop field defaults (and with them backward compatibility).
  const text = typeof schema === 'string' ? schema : JSON.stringify(schema)
  const { validate, subjectStrategy = 'topic', autoRegister = false } = options
  return {
    kind: `registry avro ${type.name ?? type.typeName}`,
    bind: async (context) => {
      const registry = requireRegistry(context)
      const subject = subjectName(subjectStrategy, context, type.name)
      const id = await registry.idFor(subject, { type: 'AVRO', schema: text }, { autoRegister })
      const what = context.role
      // Records written with this very schema (the common case) need no resolver.
      const writers = new Map<number, Writer>()
      const finish = validate
        ? (decoded: unknown) => validateSync(validate, decoded, what)
        : (decoded: unknown) => decoded
      return {
        serialize: (value) =>
          encodeAvroFramed(type, validate ? validateSync(validate, value, what) : value, id, what),
        deserialize(data) {
          const writerId = readFrameId(data, what)
          if (writerId === id) return finish(decodeAvro(type, data, 5, what))
          const writer = writers.get(writerId)
          if (writer) return finish(decodeAvro(type, data, 5, what, writer))
          return writerFor(registry, type, writerId, what).then((found) => {
            writers.set(writerId, found)
            return finish(decodeAvro(type, data, 5, what, found))
          })
        },
      }
    },
  }
}

interface Writer {
  readonly type: AvroType
  readonly resolver: avsc.Resolver
}

/** The writer schema `writerId` and the resolver that reads its records as `reader` (fetched once per id). */
async function writerFor(
  registry: SchemaRegistry,
  reader: AvroType,
  writerId: number,
  what: string,
): Promise<Writer> {
  const writer = await registry.schemaById(writerId)
  if (writer.type !== 'AVRO') {
    throw new KafkakitError(
      ErrorCode.DESERIALIZATION,
      `Invalid ${what}: schema id ${writerId} is a ${writer.type} schema, not Avro`,
      { details: { schemaId: writerId } },
    )
  }
  try {
    const type = parseAvroSchema(writer.schema)
    return { type, resolver: reader.createResolver(type) }
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.DESERIALIZATION,
      `Invalid ${what}: records written with schema id ${writerId} cannot be read as ${reader.name ?? reader.typeName} (${(error as Error).message})`,
      { cause: error, details: { schemaId: writerId } },
    )
  }
}
