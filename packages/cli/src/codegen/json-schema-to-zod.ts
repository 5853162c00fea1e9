import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { block, commentText, propertyKey, quote } from './code-text.js'
import type { ConvertedSchema, SchemaDeclaration } from './converted-schema.js'
import { type NameScope, pascalCase } from './name-scope.js'
import type { HelperName } from './zod-helpers.js'

export interface JsonSchemaToZodOptions {
  readonly scope: NameScope
  /** The root schema's name when it has no title (e.g. `OrdersValue`). */
  readonly rootName: string
  readonly source: string
}

/** Keywords that only describe a schema: accepted and ignored, as validators ignore them. */
const annotations = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'definitions',
  '$defs',
  'contentMediaType',
  'contentEncoding',
])

const keywordsOf = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  object: ['properties', 'required', 'additionalProperties'],
  array: ['items', 'minItems', 'maxItems'],
} as const
const typed: readonly string[] = Object.values(keywordsOf).flat()

/** Every keyword codegen turns into zod; any other keyword is an error, never silently dropped. */
export const supportedJsonSchemaKeywords: readonly string[] = [
  'type',
  'enum',
  'const',
  ...typed,
  'anyOf',
  'oneOf',
  'allOf',
  '$ref',
]

const formats: Record<string, { check: string; helper?: HelperName }> = {
  uuid: {
    check: `.regex(/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i, 'expected a UUID')`,
  },
  email: {
    check:
      ".regex(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i, 'expected an email address')",
  },
  date: { check: ".refine(isRfc3339Date, 'expected a date (YYYY-MM-DD)')", helper: 'isRfc3339Date' },
  time: {
    check: ".refine(isRfc3339Time, 'expected a time with a zone (hh:mm:ssZ)')",
    helper: 'isRfc3339Time',
  },
  'date-time': {
    check: ".refine(isRfc3339DateTime, 'expected an RFC 3339 date-time')",
    helper: 'isRfc3339DateTime',
  },
}

type Schema = boolean | { readonly [keyword: string]: unknown }

/**
 * Zod source accepting exactly the values a JSON Schema accepts (as ajv with ajv-formats checks them),
 * for the subset in {@link supportedJsonSchemaKeywords}: `$ref`s within the file become named
 * declarations. Unsupported keywords, formats, tuple `items`, recursive `$ref`s and type-less schemas
 * with type-specific keywords are KAFKAKIT_UNSUPPORTED errors naming the place.
 */
export function jsonSchemaToZod(document: unknown, options: JsonSchemaToZodOptions): ConvertedSchema {
  const declarations: SchemaDeclaration[] = []
  const helpers = new Set<HelperName>()
  const named = new Map<string, string>()
  const converting = new Set<string>()

  const fail = (where: string, problem: string): never => {
    throw new KafkakitError(ErrorCode.UNSUPPORTED, `${options.source} at ${where}: ${problem}`)
  }

  const ref = (target: unknown, where: string): string => {
    if (typeof target !== 'string' || !target.startsWith('#')) {
      return fail(where, `only $refs within the file (#/...) are supported, got ${JSON.stringify(target)}`)
    }
    const known = named.get(target)
    if (known) return known
    if (converting.has(target))
      return fail(where, `${target} refers to itself; recursive $refs are not supported`)
    const segments = target
      .slice(1)
      .split('/')
      .slice(1)
      .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
    let schema: unknown = document
    for (const segment of segments) {
      schema =
        schema !== null && typeof schema === 'object'
          ? (schema as Record<string, unknown>)[segment]
          : undefined
    }
    if (schema === undefined) return fail(where, `$ref ${target} points to nothing`)
    converting.add(target)
    const code = convert(schema, target)
    converting.delete(target)
    const name = options.scope.reserve(pascalCase(segments[segments.length - 1] ?? 'Schema'))
    named.set(target, name)
    declarations.push(declaration(name, code, schema))
    return name
  }

  const convert = (schema: unknown, where: string): string => {
    if (schema === true) return 'z.json()'
    if (schema === false) return 'z.never()'
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      return fail(where, 'expected a schema (an object or a boolean)')
    }
    const s = schema as Record<string, unknown>
    const keywords = Object.keys(s).filter((k) => !annotations.has(k))
    for (const keyword of keywords) {
      if (!supportedJsonSchemaKeywords.includes(keyword)) {
        fail(
          where,
          `the keyword "${keyword}" is not supported by codegen (supported: ${supportedJsonSchemaKeywords.join(', ')})`,
        )
      }
    }
    if ('$ref' in s) {
      if (keywords.length > 1) fail(where, '$ref with other keywords beside it is not supported')
      return ref(s.$ref, where)
    }
    const parts: string[] = []
    const types = 'type' in s ? (Array.isArray(s.type) ? s.type : [s.type]) : undefined
    if ('const' in s || 'enum' in s) {
      const extra = keywords.filter((k) => typed.includes(k))
      if (extra.length > 0) fail(where, `${extra.join(', ')} beside enum or const is not supported`)
      if ('const' in s && 'enum' in s) fail(where, 'enum and const together are not supported')
      const values = 'const' in s ? [s.const] : s.enum
      if (!Array.isArray(values)) return fail(where, 'enum must be an array')
      parts.push(literals(types ? values.filter((v) => types.some((t) => hasType(v, t))) : values, where))
    } else if (types) {
      parts.push(ofTypes(types, s, where))
    } else {
      const extra = keywords.filter((k) => typed.includes(k))
      if (extra.length > 0) fail(where, `${extra.join(', ')} without a "type" is not supported; add one`)
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (!(keyword in s)) continue
      const list = s[keyword]
      if (!Array.isArray(list) || list.length === 0)
        return fail(where, `${keyword} must be a non-empty array`)
      const branches = list.map((sub, i) => convert(sub, `${where}/${keyword}/${i}`))
      if (keyword === 'allOf') parts.push(...branches)
      else if (branches.length === 1) parts.push(branches[0]!)
      else parts.push(block(keyword === 'anyOf' ? 'z.union([' : 'z.xor([', branches, '])'))
    }
    if (parts.length === 0) return 'z.json()'
    return parts.reduce((left, right) => `z.intersection(${left}, ${right})`)
  }

  const literals = (values: unknown[], where: string): string => {
    if (values.length === 0) return 'z.never()'
    if (values.every((v) => typeof v === 'string'))
      return `z.enum([${values.map((v) => quote(v)).join(', ')}])`
    const branches = values.map((v) => {
      if (v === null) return 'z.null()'
      if (typeof v === 'string') return `z.literal(${quote(v)})`
      if (typeof v === 'number' || typeof v === 'boolean') return `z.literal(${JSON.stringify(v)})`
      return fail(where, 'enum and const values that are objects or arrays are not supported')
    })
    return branches.length === 1 ? branches[0]! : block('z.union([', branches, '])')
  }

  const ofTypes = (types: unknown[], s: Record<string, unknown>, where: string): string => {
    const others = types.filter((t) => t !== 'null')
    const nullable = others.length < types.length
    if (others.length === 0) return 'z.null()'
    const branches = others.map((t) => ofType(t, s, where))
    if (branches.length === 1) return `${branches[0]}${nullable ? '.nullable()' : ''}`
    return block('z.union([', nullable ? [...branches, 'z.null()'] : branches, '])')
  }

  const number = (s: Record<string, unknown>, where: string, base: string): string => {
    let code = base
    const bound = (keyword: string, method: string) => {
      if (!(keyword in s)) return
      const value = s[keyword]
      if (typeof value !== 'number')
        fail(where, `${keyword} must be a number (draft-04 boolean forms are not supported)`)
      code += `.${method}(${value})`
    }
    bound('minimum', 'gte')
    bound('maximum', 'lte')
    bound('exclusiveMinimum', 'gt')
    bound('exclusiveMaximum', 'lt')
    if ('multipleOf' in s) {
      const m = s.multipleOf
      if (typeof m !== 'number' || m <= 0) fail(where, 'multipleOf must be a positive number')
      // As ajv checks it: the quotient is an integer.
      code += `.refine((n) => n / ${m} === Number.parseInt(String(n / ${m}), 10), 'expected a multiple of ${m}')`
    }
    return code
  }

  const count = (s: Record<string, unknown>, keyword: string, where: string): number | undefined => {
    if (!(keyword in s)) return undefined
    const value = s[keyword]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return fail(where, `${keyword} must be a non-negative integer`)
    }
    return value
  }

  const ofType = (t: unknown, s: Record<string, unknown>, where: string): string => {
    switch (t) {
      case 'boolean':
        return 'z.boolean()'
      case 'number':
        return number(s, where, 'z.number()')
      case 'integer':
        return number(s, where, "z.number().refine((n) => Number.isInteger(n), 'expected an integer')")
      case 'string': {
        let code = 'z.string()'
        // JSON Schema counts characters (code points), not UTF-16 units.
        const min = count(s, 'minLength', where)
        if (min !== undefined)
          code += `.refine((s) => [...s].length >= ${min}, 'expected at least ${min} characters')`
        const max = count(s, 'maxLength', where)
        if (max !== undefined)
          code += `.refine((s) => [...s].length <= ${max}, 'expected at most ${max} characters')`
        if ('pattern' in s) {
          const pattern = s.pattern
          if (typeof pattern !== 'string') return fail(where, 'pattern must be a string')
          try {
            new RegExp(pattern, 'u')
          } catch (error) {
            return fail(where, `pattern is not a valid regular expression: ${(error as Error).message}`)
          }
          code += `.regex(new RegExp(${quote(pattern)}, 'u'))`
        }
        if ('format' in s) {
          const format = formats[String(s.format)]
          if (!format) {
            return fail(
              where,
              `the format ${JSON.stringify(s.format)} is not supported by codegen (supported: ${Object.keys(formats).join(', ')})`,
            )
          }
          if (format.helper) helpers.add(format.helper)
          code += format.check
        }
        return code
      }
      case 'array': {
        if (Array.isArray(s.items)) return fail(where, 'tuple items (an array of schemas) are not supported')
        let code = `z.array(${'items' in s ? convert(s.items, `${where}/items`) : 'z.json()'})`
        const min = count(s, 'minItems', where)
        if (min !== undefined) code += `.min(${min})`
        const max = count(s, 'maxItems', where)
        if (max !== undefined) code += `.max(${max})`
        return code
      }
      case 'object':
        return object(s, where)
      default:
        return fail(where, `unknown type ${JSON.stringify(t)}`)
    }
  }

  const object = (s: Record<string, unknown>, where: string): string => {
    const properties = (s.properties ?? {}) as Record<string, Schema>
    if (typeof properties !== 'object' || Array.isArray(properties))
      return fail(where, 'properties must be an object')
    const required = s.required ?? []
    if (!Array.isArray(required) || !required.every((r) => typeof r === 'string')) {
      return fail(where, 'required must be an array of property names')
    }
    const entries = Object.entries(properties).map(([name, sub]) => {
      const code = convert(sub, `${where}/properties/${name}`)
      const doc =
        sub !== null && typeof sub === 'object' && typeof sub.description === 'string'
          ? `/** ${commentText(sub.description)} */\n`
          : ''
      return `${doc}${propertyKey(name)}: ${code}${required.includes(name) ? '' : '.optional()'}`
    })
    const additional = s.additionalProperties
    // A required property without a schema of its own is an additional property.
    const other =
      additional === undefined || additional === true
        ? 'z.json()'
        : additional === false
          ? 'z.never()'
          : convert(additional, `${where}/additionalProperties`)
    for (const name of required) {
      if (!(name in properties)) entries.push(`${propertyKey(name)}: ${other}`)
    }
    if (additional === undefined || additional === true) return block('z.looseObject({', entries, '})')
    if (additional === false) return block('z.strictObject({', entries, '})')
    return `${block('z.object({', entries, '})')}.catchall(${other})`
  }

  const root = convert(document, '#')
  if (declarations.some((d) => d.name === root)) return { declarations, root, helpers }
  const title =
    document !== null &&
    typeof document === 'object' &&
    typeof (document as Schema & object).title === 'string'
      ? pascalCase(String((document as Record<string, unknown>).title))
      : undefined
  const name = title
    ? options.scope.reserve(title, options.rootName)
    : options.scope.reserve(options.rootName)
  return { declarations: [...declarations, declaration(name, root, document)], root: name, helpers }
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null
    case 'integer':
      return Number.isInteger(value)
    case 'array':
      return Array.isArray(value)
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
    default:
      return typeof value === type
  }
}

function declaration(name: string, code: string, schema: unknown): SchemaDeclaration {
  const description =
    schema !== null && typeof schema === 'object'
      ? (schema as Record<string, unknown>).description
      : undefined
  return { name, code, ...(typeof description === 'string' ? { doc: description } : {}) }
}
