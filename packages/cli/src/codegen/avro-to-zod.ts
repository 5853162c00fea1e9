import { ErrorCode, KafkakitError } from '@kafkakit/core'
import avsc from 'avsc'
import { block, commentText, jsonLiteral, propertyKey, quote } from './code-text.js'
import type { ConvertedSchema, SchemaDeclaration } from './converted-schema.js'
import { type NameScope, pascalCase } from './name-scope.js'
import type { HelperName } from './zod-helpers.js'

/** The parts of avsc's types the generator reads (avsc's typings declare them on subclasses). */
interface AvroTypeView {
  readonly typeName: string
  readonly name?: string | undefined
  readonly doc?: string | undefined
  readonly branchName?: string
  readonly fields?: readonly {
    readonly name: string
    readonly type: AvroTypeView
    readonly doc?: string | undefined
    defaultValue(): unknown
  }[]
  readonly symbols?: readonly string[]
  readonly size?: number
  readonly itemsType?: AvroTypeView
  readonly valuesType?: AvroTypeView
  readonly types?: readonly AvroTypeView[]
}

export interface AvroToZodOptions {
  /** The module's names. */
  readonly scope: NameScope
  /** The root schema's name when the root is not a named Avro type (e.g. `OrdersValue`). */
  readonly rootName: string
  /** Where the schema comes from, for error messages. */
  readonly source: string
}

const primitives: Record<string, string> = {
  null: 'z.null()',
  boolean: 'z.boolean()',
  int: 'z.int32()',
  // avsc's safe range for longs: ±(2^53 - 2).
  long: 'z.int().gte(-9007199254740990).lte(9007199254740990)',
  string: 'z.string()',
  bytes: 'z.instanceof(Buffer)',
}

/**
 * Zod source accepting exactly the JavaScript values that avsc accepts for an Avro schema (as
 * `avro()` and `registryAvro()` of @kafkakit/core parse it, decoded values included: no logical-type classes, so `decimal` is a
 * Buffer, `date` an int of days, `timestamp-millis` a number of ms, `uuid` a string). Records, errors,
 * enums and fixed types become named declarations; unions follow avsc's unwrapped and wrapped forms.
 * Recursive types are refused.
 */
export function avroToZod(schema: unknown, options: AvroToZodOptions): ConvertedSchema {
  let type: AvroTypeView
  try {
    type = avsc.Type.forSchema(schema as avsc.Schema) as unknown as AvroTypeView
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `${options.source}: invalid Avro schema: ${(error as Error).message}`,
      { cause: error },
    )
  }
  const declarations: SchemaDeclaration[] = []
  const helpers = new Set<HelperName>()
  const named = new Map<AvroTypeView, string>()
  const converting = new Set<AvroTypeView>()

  const declare = (t: AvroTypeView, body: () => string): string => {
    const known = named.get(t)
    if (known) return known
    if (converting.has(t)) {
      throw new KafkakitError(
        ErrorCode.UNSUPPORTED,
        `${options.source}: ${t.name} refers to itself; recursive Avro types are not supported by codegen`,
      )
    }
    converting.add(t)
    const code = body()
    converting.delete(t)
    const fullName = t.name ?? t.typeName
    const name = options.scope.reserve(pascalCase(fullName.split('.').pop()!), pascalCase(fullName))
    named.set(t, name)
    declarations.push({ name, code, ...(t.doc ? { doc: t.doc } : {}) })
    return name
  }

  const convert = (t: AvroTypeView): string => {
    const primitive = primitives[t.typeName]
    if (primitive) return primitive
    switch (t.typeName) {
      case 'float':
      case 'double':
        helpers.add('avroNumber')
        return 'avroNumber'
      case 'record':
      case 'error':
        return declare(t, () => block('z.object({', t.fields!.map(field), '})'))
      case 'enum':
        return declare(t, () => `z.enum([${t.symbols!.map((s) => jsonLiteral(s)).join(', ')}])`)
      case 'fixed':
        return declare(
          t,
          () => `z.instanceof(Buffer).refine((b) => b.length === ${t.size}, 'expected ${t.size} bytes')`,
        )
      case 'array':
        return `z.array(${convert(t.itemsType!)})`
      case 'map':
        return `z.record(z.string(), ${convert(t.valuesType!)})`
      case 'union:unwrapped':
        return unwrappedUnion(t.types!)
      case 'union:wrapped':
        helpers.add('avroBranch')
        return block(
          'z.union([',
          t.types!.map((branch) =>
            branch.typeName === 'null'
              ? 'z.null()'
              : `avroBranch(${quote(branch.branchName!)}, ${convert(branch)})`,
          ),
          '])',
        )
      default:
        throw new KafkakitError(
          ErrorCode.UNSUPPORTED,
          `${options.source}: the Avro type ${t.typeName} is not supported by codegen`,
        )
    }
  }

  const unwrappedUnion = (branches: readonly AvroTypeView[]): string => {
    const others = branches.filter((b) => b.typeName !== 'null')
    const nullable = others.length < branches.length
    if (others.length === 0) return 'z.null()'
    if (others.length === 1) return `${convert(others[0]!)}${nullable ? '.nullable()' : ''}`
    return block(
      'z.union([',
      branches.map((b) => convert(b)),
      '])',
    )
  }

  const field = (f: NonNullable<AvroTypeView['fields']>[number]): string => {
    const fallback = f.defaultValue()
    let code = convert(f.type)
    // avsc fills in a missing field that has a default; Buffers have no literal, so those stay optional.
    if (fallback !== undefined) {
      code += holdsBuffer(fallback)
        ? '.optional()'
        : `.default(${jsonLiteral(JSON.parse(JSON.stringify(fallback)))})`
    }
    const doc = f.doc ? `/** ${commentText(f.doc)} */\n` : ''
    return `${doc}${propertyKey(f.name)}: ${code}`
  }

  const root = convert(type)
  if (named.get(type) === root) return { declarations, root, helpers }
  const name = options.scope.reserve(options.rootName)
  return { declarations: [...declarations, { name, code: root }], root: name, helpers }
}

function holdsBuffer(value: unknown): boolean {
  if (Buffer.isBuffer(value)) return true
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsBuffer)
  return false
}
