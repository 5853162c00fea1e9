import type avsc from 'avsc'

/** Zero-size items (nulls, empty records) one record may hold in arrays and maps before it is refused. */
const MAX_ITEMS = 1_000_000

class Malformed extends Error {
  constructor(readonly reason: AvroDefect) {
    super(reason)
  }
}

/** What is wrong with bytes that are not a valid encoding. */
export type AvroDefect = 'truncated' | 'trailing' | 'invalid'

/**
 * Walks `data` as an Avro encoding of `type` without building anything, checking every length, count,
 * enum and union index against the bytes that are really there. avsc trusts array and map block counts
 * (it preallocates `new Array(count)` and loops `count` times), so a hostile 10-byte record can claim
 * 2^40 items and exhaust memory; this walk refuses it first. Returns what is wrong, or undefined.
 */
export function avroDefect(type: avsc.Type, data: Buffer): AvroDefect | undefined {
  const cursor = { data, pos: 0, budget: MAX_ITEMS + data.length }
  try {
    walk(type, cursor)
  } catch (error) {
    if (error instanceof Malformed) return error.reason
    if (error instanceof RangeError) return 'invalid'
    throw error
  }
  return cursor.pos < data.length ? 'trailing' : undefined
}

interface Cursor {
  readonly data: Buffer
  pos: number
  budget: number
}

function fail(reason: AvroDefect = 'invalid'): never {
  throw new Malformed(reason)
}

function advance(cursor: Cursor, bytes: number): void {
  if (!(bytes >= 0)) fail()
  if (cursor.pos + bytes > cursor.data.length) fail('truncated')
  cursor.pos += bytes
}

/** A zig-zag varint (int or long); 10 bytes at most. */
function readLong(cursor: Cursor): number {
  let result = 0
  let multiplier = 1
  for (let i = 0; i < 10; i++) {
    if (cursor.pos >= cursor.data.length) fail('truncated')
    const byte = cursor.data[cursor.pos++]!
    result += (byte & 0x7f) * multiplier
    if ((byte & 0x80) === 0) return result % 2 === 0 ? result / 2 : -(result + 1) / 2
    multiplier *= 128
  }
  return fail()
}

function walkBlocks(cursor: Cursor, item: () => void): void {
  for (let count = readLong(cursor); count !== 0; count = readLong(cursor)) {
    if (count < 0) {
      count = -count
      readLong(cursor) // the block's size in bytes
    }
    cursor.budget -= count
    if (cursor.budget < 0) fail()
    for (let i = 0; i < count; i++) item()
  }
}

function walk(type: avsc.Type, cursor: Cursor): void {
  const t = type as avsc.Type & {
    itemsType?: avsc.Type
    valuesType?: avsc.Type
    fields?: { type: avsc.Type }[]
    types?: avsc.Type[]
    symbols?: string[]
    size?: number
    underlyingType?: avsc.Type
  }
  switch (t.typeName) {
    case 'null':
      return
    case 'boolean':
      advance(cursor, 1)
      return
    case 'int':
    case 'long':
      readLong(cursor)
      return
    case 'float':
      advance(cursor, 4)
      return
    case 'double':
      advance(cursor, 8)
      return
    case 'string':
    case 'bytes':
      advance(cursor, readLong(cursor))
      return
    case 'fixed':
      advance(cursor, t.size ?? 0)
      return
    case 'enum': {
      const index = readLong(cursor)
      if (index < 0 || index >= (t.symbols?.length ?? 0)) fail()
      return
    }
    case 'record':
    case 'error':
      for (const field of t.fields ?? []) walk(field.type, cursor)
      return
    case 'array':
      walkBlocks(cursor, () => walk(t.itemsType!, cursor))
      return
    case 'map':
      walkBlocks(cursor, () => {
        advance(cursor, readLong(cursor))
        walk(t.valuesType!, cursor)
      })
      return
    default: {
      if (t.types) {
        const branch = t.types[readLong(cursor)]
        if (!branch) fail()
        walk(branch, cursor)
        return
      }
      if (!t.underlyingType) fail()
      walk(t.underlyingType, cursor)
    }
  }
}
