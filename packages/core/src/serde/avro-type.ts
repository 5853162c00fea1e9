import avsc from 'avsc'
import { ErrorCode } from '../errors/error-codes.js'
import { KafkakitError } from '../errors/kafkakit-error.js'
import { avroStructureCheck } from './avro-bounds.js'

/** An Avro schema as JSON text, or parsed (a record, enum, array, map, union, fixed or primitive). */
export type AvroSchema = string | Record<string, unknown> | readonly unknown[]

export type AvroType = avsc.Type

/** Parses an Avro schema once; an invalid schema is a KAFKAKIT_CONFIG error at definition time. */
export function parseAvroSchema(schema: AvroSchema): AvroType {
  try {
    const definition =
      typeof schema === 'string' ? (JSON.parse(schema) as avsc.Schema) : (schema as avsc.Schema)
    return avsc.Type.forSchema(definition)
  } catch (error) {
    throw new KafkakitError(ErrorCode.CONFIG, `Invalid Avro schema: ${(error as Error).message}`, {
      cause: error,
    })
  }
}

/** Avro binary encoding; a value that does not fit the schema is a KAFKAKIT_VALIDATION error naming the paths. */
export function encodeAvro(type: AvroType, value: unknown, what: string): Buffer {
  try {
    return type.toBuffer(value)
  } catch {
    throw avroValidationError(type, value, what)
  }
}

/**
 * Writes `[0, id (4 bytes big-endian), Avro payload]` into one exact-size buffer: the Confluent framing
 * at the cost of one 5-byte write (avsc encodes into a scratch buffer, as its own toBuffer does).
 */
export function encodeAvroFramed(type: AvroType, value: unknown, schemaId: number, what: string): Buffer {
  let end = -1
  try {
    end = type.encode(value, scratch, 5)
    while (end < 0) {
      scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, -end))
      end = type.encode(value, scratch, 5)
    }
  } catch {
    throw avroValidationError(type, value, what)
  }
  const framed = Buffer.allocUnsafe(end)
  framed[0] = 0
  framed.writeInt32BE(schemaId, 1)
  scratch.copy(framed, 5, 5, end)
  return framed
}

let scratch = Buffer.allocUnsafe(64 * 1024)

const structureChecks = new WeakMap<AvroType, ReturnType<typeof avroStructureCheck>>()

/** The structural check of a schema (see avroStructureCheck), compiled once per type. */
function structureCheck(type: AvroType) {
  if (!structureChecks.has(type)) structureChecks.set(type, avroStructureCheck(type))
  return structureChecks.get(type)
}

/**
 * Avro binary decoding of `data` from `offset` to its end, through a resolver when the writer schema
 * differs from `type`. The bytes are first checked against the writer schema where avsc alone is not
 * safe (arrays and maps); malformed bytes are KAFKAKIT_DESERIALIZATION.
 */
export function decodeAvro(
  type: AvroType,
  data: Buffer,
  offset: number,
  what: string,
  writer?: { readonly type: AvroType; readonly resolver: avsc.Resolver },
): unknown {
  let defect = structureCheck(writer?.type ?? type)?.(data, offset)
  if (defect === undefined) {
    try {
      // decode() reads in place: no subarray, which costs as much as decoding a small record.
      const { value, offset: end } = type.decode(data, offset, writer?.resolver)
      if (end === data.length) return value
      defect = end < 0 ? 'truncated' : 'trailing'
    } catch {
      defect = 'invalid'
    }
  }
  return malformed(type, data, what, defect)
}

function malformed(type: AvroType, data: Buffer, what: string, defect: string | undefined): never {
  throw new KafkakitError(
    ErrorCode.DESERIALIZATION,
    `Invalid ${what}: malformed Avro${defect && defect !== 'invalid' ? ` (${defect} data)` : ''} for schema ${type.name ?? type.typeName}`,
    { details: { length: data.length, defect: defect ?? 'invalid' } },
  )
}

function avroValidationError(type: AvroType, value: unknown, what: string): KafkakitError {
  const problems: string[] = []
  type.isValid(value, {
    errorHook: (path: string[], _value: unknown, expected: avsc.Type) => {
      problems.push(
        `${path.length > 0 ? path.join('.') : '(root)'}: expected ${expected.name ?? expected.typeName}`,
      )
    },
  })
  return new KafkakitError(
    ErrorCode.VALIDATION,
    `Invalid ${what}: ${problems.slice(0, 5).join('; ') || 'does not match the Avro schema'}`,
    { details: { issues: problems } },
  )
}
