import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
// @ts-expect-error: a plain .mjs script without type declarations
import { missingOptionalPackages } from './check-lock-platforms.mjs'

const lock = (packages: Record<string, unknown>) => ({ lockfileVersion: 3, packages })
const biome = {
  version: '2.6.8',
  optionalDependencies: { '@biomejs/cli-linux-x64': '2.6.8', '@biomejs/cli-darwin-arm64': '2.6.8' },
}

test('an optional platform package without its own lock entry is reported', () => {
  const found = missingOptionalPackages(
    lock({ '': {}, 'node_modules/@biomejs/biome': biome, 'node_modules/@biomejs/cli-linux-x64': {} }),
  )
  expect(found).toEqual([{ from: 'node_modules/@biomejs/biome', name: '@biomejs/cli-darwin-arm64' }])
})

test('optional packages resolve as Node resolves them: nested first, then each folder up to the root', () => {
  const nested = { optionalDependencies: { fsevents: '2.3.3', 'lz4-napi-win32': '1.0.0' } }
  expect(
    missingOptionalPackages(
      lock({
        'node_modules/a/node_modules/b': nested,
        'node_modules/a/node_modules/b/node_modules/fsevents': {},
        'node_modules/lz4-napi-win32': {},
      }),
    ),
  ).toEqual([])
  expect(
    missingOptionalPackages(
      lock({ 'node_modules/a/node_modules/b': nested, 'node_modules/a/node_modules/fsevents': {} }),
    ),
  ).toEqual([{ from: 'node_modules/a/node_modules/b', name: 'lz4-napi-win32' }])
})

test("the repository's lock file lists every platform's optional packages (npm ci works on each)", () => {
  const repositoryLock = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'package-lock.json'), 'utf8'),
  )
  expect(missingOptionalPackages(repositoryLock)).toEqual([])
})
