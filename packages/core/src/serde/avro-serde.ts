import { type AvroSchema, decodeAvro, encodeAvro, parseAvroSchema } from './avro-type.js'
import type { Serde } from './serde.js'
import { type InferInput, type InferOutput, type StandardSchemaV1, validateSync } from './standard-schema.js'

export interface AvroOptions<S extends StandardSchemaV1 | undefined> {
  /** A Standard Schema (e.g. zod) checked too: before encoding, and after decoding. */
  readonly validate?: S
}

/**
 * Plain Avro binary (no registry framing) through avsc. The TypeScript type comes from `validate` when
 * given, else from the type argument: `avro<Order>(orderSchema)`.
 */
export function avro<T = unknown>(schema: AvroSchema): Serde<T>
export function avro<S extends StandardSchemaV1>(
  schema: AvroSchema,
  options: AvroOptions<S> & { readonly validate: S },
): Serde<InferInput<S>, InferOutput<S>>
export function avro(
  schema: AvroSchema,
  options: AvroOptions<StandardSchemaV1 | undefined> = {},
): Serde<unknown> {
  const type = parseAvroSchema(schema)
  const { validate } = options
  return {
    kind: `avro ${type.name ?? type.typeName}`,
    bind: (context) => {
      const what = context.header ? `header ${context.header}` : context.role
      return {
        serialize: (value) => encodeAvro(type, validate ? validateSync(validate, value, what) : value, what),
        deserialize: (data) => {
          const decoded = decodeAvro(type, data, 0, what)
          return validate ? validateSync(validate, decoded, what) : decoded
        },
      }
    },
  }
}
