import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { uniqueName } from '@kafkakit/testing'

/** A folder inside the repository (so generated code resolves zod and @kafkakit/core), ignored by git. */
export const scratchDir = join(import.meta.dirname, '..', '..', '.codegen-test')

/** Writes generated TypeScript to a scratch file and imports it through vitest. */
export async function importGenerated(code: string): Promise<Record<string, unknown>> {
  mkdirSync(scratchDir, { recursive: true })
  const file = join(scratchDir, `${uniqueName('module')}.ts`)
  writeFileSync(file, code)
  return (await import(/* @vite-ignore */ file)) as Record<string, unknown>
}

const replacements: unknown[] = [
  null,
  undefined,
  'x',
  '',
  0,
  1.5,
  -1,
  2 ** 31,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  {},
  [1],
  { a: 1 },
  Buffer.from('ab'),
]

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)

/**
 * Values near `value`: each replacement in its place, and (to `depth` levels) the same for each element or
 * property, each property left out, an element or a property added. `jsonOnly` keeps to JSON values.
 * Known differences stay out: a Buffer or an array in the place of an object (avsc reads any object's keys).
 */
export function* mutants(value: unknown, depth = 2, jsonOnly = false): Generator<unknown> {
  for (const replacement of replacements) {
    if (
      jsonOnly &&
      (replacement === undefined || Buffer.isBuffer(replacement) || !Number.isFinite(replacement ?? 0))
    )
      continue
    if (jsonOnly && replacement === 2 ** 53) continue
    if (isPlainObject(value) && (Buffer.isBuffer(replacement) || Array.isArray(replacement))) continue
    yield replacement
  }
  if (depth === 0) return
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      for (const m of mutants(value[i], depth - 1, jsonOnly)) yield value.map((v, j) => (i === j ? m : v))
    }
    yield [...value, 'extra']
    yield value.slice(1)
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const { [key]: _, ...without } = value
      yield without
      for (const m of mutants(value[key], depth - 1, jsonOnly)) yield { ...value, [key]: m }
    }
    yield { ...value, extra: 1 }
  }
}

/** Where `accepts` and `reference` disagree on `samples`: a readable list for the assertion. */
export function disagreements(
  samples: readonly unknown[],
  accepts: (value: unknown) => boolean,
  reference: (value: unknown) => boolean,
): string[] {
  const found: string[] = []
  for (const sample of samples) {
    const expected = reference(sample)
    if (accepts(sample) !== expected) {
      found.push(`${expected ? 'rejected' : 'accepted'} ${describe(sample)}`)
    }
  }
  return found
}

function describe(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v === undefined ? '<undefined>' : v,
  )
}
