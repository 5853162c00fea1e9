import { zodHelpers } from './zod-helpers.js'

/** Names a generated module must not declare: its imports, and globals its code or types use. */
const taken = new Set([
  ...Object.keys(zodHelpers),
  'z',
  'defineTopic',
  'avro',
  'json',
  'string',
  'bytes',
  'registryAvro',
  'registryJson',
  'Array',
  'Boolean',
  'Buffer',
  'Date',
  'Error',
  'Infinity',
  'JSON',
  'Map',
  'Math',
  'NaN',
  'Number',
  'Object',
  'Omit',
  'Partial',
  'Pick',
  'Promise',
  'Readonly',
  'Record',
  'Required',
  'Set',
  'String',
  'Symbol',
])

/** `order_line.v2` -> `OrderLineV2`; a leading digit gets an underscore. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean)
  const joined = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')
  return /^[0-9]/.test(joined) ? `_${joined}` : joined || '_'
}

/** `orders.v1` -> `ordersV1`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name)
  return pascal.startsWith('_') ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1)
}

/** The identifiers of one generated module: each name once, in the order asked (so output is stable). */
export class NameScope {
  readonly #used = new Set(taken)

  /** `preferred` (then the fallbacks, then `preferred2`, `preferred3`...), whichever is free first. */
  reserve(preferred: string, ...fallbacks: string[]): string {
    for (const candidate of [preferred, ...fallbacks]) {
      if (!this.#used.has(candidate)) {
        this.#used.add(candidate)
        return candidate
      }
    }
    for (let n = 2; ; n++) {
      const candidate = `${preferred}${n}`
      if (!this.#used.has(candidate)) {
        this.#used.add(candidate)
        return candidate
      }
    }
  }
}
