/** A string literal in single quotes, escaped as JSON escapes it. */
export function quote(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name)
}

/**
 * `open`, one item per line (each indented by two spaces, nested lines too) with trailing commas, `close`;
 * on one line when there are no items.
 */
export function block(open: string, items: readonly string[], close: string): string {
  if (items.length === 0) return `${open}${close}`
  return `${open}\n${items.map((item) => `  ${item.replace(/\n/g, '\n  ')},`).join('\n')}\n${close}`
}

/**
 * A JSON value as TypeScript source: on one line when that is short, else one property or element per
 * line (stable: keys keep their order).
 */
export function jsonLiteral(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' ? quote(value) : JSON.stringify(value)
  }
  const items = Array.isArray(value)
    ? value.map(jsonLiteral)
    : Object.entries(value).map(([key, item]) => `${propertyKey(key)}: ${jsonLiteral(item)}`)
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  const inline =
    items.length === 0
      ? `${open}${close}`
      : Array.isArray(value)
        ? `[${items.join(', ')}]`
        : `{ ${items.join(', ')} }`
  return inline.length <= 80 && !inline.includes('\n') ? inline : block(open, items, close)
}

/** Text safe inside a one-line block comment. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')
}
