const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Bytes as a UTF-8 string when they are valid UTF-8, else `{ "base64": ... }`. */
export function bytesToJson(data: Buffer | Uint8Array): string | { base64: string } {
  try {
    return utf8.decode(data)
  } catch {
    return { base64: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') }
  }
}

/**
 * A decoded value as JSON can carry it: bytes inside it as `{ "base64": ... }`, bigints as strings,
 * dates as ISO strings, NaN and the infinities as strings.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
  }
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]))
  }
  return value
}

/** Raw headers as JSON: each value as {@link bytesToJson}, repeated headers as arrays. */
export function headersToJson(headers: {
  readonly [name: string]: Buffer | Buffer[] | undefined
}): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    out[name] = Array.isArray(value) ? value.map(bytesToJson) : bytesToJson(value)
  }
  return out
}
