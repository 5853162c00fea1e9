import type avsc from 'avsc'

/** Zero-size items (nulls, empty records) one record may hold in arrays and maps before it is refused. */
const MAX_ITEMS = 1_000_000

/** What is wrong with bytes that are not a valid encoding. */
export type AvroDefect = 'truncated' | 'trailing' | 'invalid'

/**
 * A check that `data` is a structurally valid Avro encoding of one schema, or undefined when the schema
 * needs none. avsc trusts the block counts of arrays and maps: it preallocates `new Array(count)` and loops
 * `count` times, so a hostile 10-byte record can claim 2^40 items and exhaust memory. For schemas with
 * arrays or maps, the check walks the bytes first, without building anything, bounding every length, count
 * and index by the bytes really there (avsc's own reads are bounded for every other type). The walk is
 * compiled once per schema into closures, so it costs a fraction of decoding.
 */
export function avroStructureCheck(
  type: avsc.Type,
): ((data: Buffer, offset: number) => AvroDefect | undefined) | undefined {
  if (!hasCollections(type, new Set())) return undefined
  const walk = compile(type, new Map())
  return (data, offset) => {
    const cursor: Cursor = { data, pos: offset, budget: MAX_ITEMS + data.length }
    try {
      walk(cursor)
    } catch (error) {
      if (error instanceof Malformed) return error.reason
      throw error
    }
    return cursor.pos < data.length ? 'trailing' : undefined
  }
}

class Malformed extends Error {
  constructor(readonly reason: AvroDefect) {
    super(reason)
  }
}

interface Cursor {
  readonly data: Buffer
  pos: number
  budget: number
}

type Walk = (cursor: Cursor) => void

interface AvscNode {
  typeName: string
  name?: string
  itemsType?: avsc.Type
  valuesType?: avsc.Type
  fields?: { type: avsc.Type }[]
  types?: avsc.Type[]
  symbols?: string[]
  size?: number
  underlyingType?: avsc.Type
}

const node = (type: avsc.Type) => type as unknown as AvscNode

function children(type: avsc.Type): avsc.Type[] {
  const t = node(type)
  return [
    t.itemsType,
    t.valuesType,
    t.underlyingType,
    ...(t.types ?? []),
    ...(t.fields ?? []).map((f) => f.type),
  ].filter((child): child is avsc.Type => child !== undefined)
}

function hasCollections(type: avsc.Type, seen: Set<avsc.Type>): boolean {
  if (seen.has(type)) return false
  seen.add(type)
  const { typeName } = node(type)
  return (
    typeName === 'array' || typeName === 'map' || children(type).some((child) => hasCollections(child, seen))
  )
}

function fail(reason: AvroDefect = 'invalid'): never {
  throw new Malformed(reason)
}

function skip(cursor: Cursor, bytes: number): void {
  if (!(bytes >= 0)) fail()
  if (cursor.pos + bytes > cursor.data.length) fail('truncated')
  cursor.pos += bytes
}

/** A zig-zag varint (int or long), 10 bytes at most. */
function readLong(cursor: Cursor): number {
  const { data } = cursor
  if (cursor.pos >= data.length) fail('truncated')
  let byte = data[cursor.pos++]!
  if ((byte & 0x80) === 0) return byte & 1 ? -((byte + 1) / 2) : byte / 2
  let result = byte & 0x7f
  let multiplier = 128
  for (let i = 1; i < 10; i++) {
    if (cursor.pos >= data.length) fail('truncated')
    byte = data[cursor.pos++]!
    result += (byte & 0x7f) * multiplier
    if ((byte & 0x80) === 0) return result % 2 === 0 ? result / 2 : -(result + 1) / 2
    multiplier *= 128
  }
  return fail()
}

function blocks(item: Walk): Walk {
  return (cursor) => {
    for (let count = readLong(cursor); count !== 0; count = readLong(cursor)) {
      if (count < 0) {
        count = -count
        readLong(cursor) // the block's size in bytes
      }
      cursor.budget -= count
      if (cursor.budget < 0) fail()
      for (let i = 0; i < count; i++) item(cursor)
    }
  }
}

function compile(type: avsc.Type, compiled: Map<avsc.Type, Walk>): Walk {
  const existing = compiled.get(type)
  if (existing) return existing
  // Recursive schemas refer to themselves: register a trampoline before compiling the body.
  let body: Walk = () => fail()
  compiled.set(type, (cursor) => body(cursor))
  body = build(node(type), (child) => compile(child, compiled))
  return body
}

function build(t: AvscNode, child: (type: avsc.Type) => Walk): Walk {
  switch (t.typeName) {
    case 'null':
      return () => {}
    case 'boolean':
      return (cursor) => skip(cursor, 1)
    case 'int':
    case 'long':
      return (cursor) => {
        readLong(cursor)
      }
    case 'float':
      return (cursor) => skip(cursor, 4)
    case 'double':
      return (cursor) => skip(cursor, 8)
    case 'string':
    case 'bytes':
      return (cursor) => skip(cursor, readLong(cursor))
    case 'fixed': {
      const size = t.size ?? 0
      return (cursor) => skip(cursor, size)
    }
    case 'enum': {
      const count = t.symbols?.length ?? 0
      return (cursor) => {
        const index = readLong(cursor)
        if (index < 0 || index >= count) fail()
      }
    }
    case 'record':
    case 'error': {
      const fields = (t.fields ?? []).map((field) => child(field.type))
      return (cursor) => {
        for (const field of fields) field(cursor)
      }
    }
    case 'array':
      return blocks(child(t.itemsType!))
    case 'map': {
      const value = child(t.valuesType!)
      return blocks((cursor) => {
        skip(cursor, readLong(cursor))
        value(cursor)
      })
    }
    default: {
      if (t.types) {
        const branches = t.types.map(child)
        return (cursor) => {
          const branch = branches[readLong(cursor)]
          if (!branch) fail()
          branch(cursor)
        }
      }
      if (t.underlyingType) return child(t.underlyingType)
      return () => fail()
    }
  }
}
