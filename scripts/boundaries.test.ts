import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, test } from 'vitest'

// The dependency rules of design §2, checked on the sources (and on the built type declarations).
const root = join(import.meta.dirname, '..')

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

const isTest = (file: string) => /\.(test|int\.test|test-d|test-helper)\.ts$/.test(file)
const sources = (pkg: string) =>
  files(join(root, 'packages', pkg, 'src'), /\.ts$/).filter((file) => !isTest(file))
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
const imports = (file: string) =>
  [...code(file).matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!)

describe('package boundaries', () => {
  test('only packages/core/src/kafkajs imports kafkajs', () => {
    const offenders = ['core', 'producer', 'consumer', 'testing', 'cli']
      .flatMap(sources)
      .filter((file) => !file.includes(join('core', 'src', 'kafkajs')))
      .filter((file) => imports(file).some((name) => name === 'kafkajs' || name.startsWith('kafkajs/')))
    expect(offenders.map((file) => relative(root, file))).toEqual([])
  })

  test.each([
    ['core', ['@kafkakit/']],
    ['testing', ['@kafkakit/producer', '@kafkakit/consumer']],
    ['producer', ['@kafkakit/consumer', '@kafkakit/testing']],
    ['consumer', ['@kafkakit/producer', '@kafkakit/testing']],
    ['cli', ['@kafkakit/testing']],
  ])('%s imports none of %j', (pkg, forbidden) => {
    const offenders = sources(pkg).filter((file) =>
      imports(file).some((name) => forbidden.some((f) => name.startsWith(f))),
    )
    expect(offenders.map((file) => relative(root, file))).toEqual([])
  })

  test('examples use the packages as users do: public entry points only, no package sources', () => {
    const offenders = files(join(root, 'examples'), /\.ts$/)
      .filter((file) => !file.includes('node_modules') && !isTest(file))
      .filter((file) =>
        imports(file).some((name) => name.endsWith('/internal') || /(^|\/)packages\//.test(name)),
      )
    expect(offenders.map((file) => relative(root, file))).toEqual([])
  })

  test('no published type declaration refers to kafkajs types', () => {
    const declarations = ['core', 'producer', 'consumer', 'testing', 'cli'].flatMap((pkg) =>
      files(join(root, 'packages', pkg, 'dist'), /\.d\.c?ts$/),
    )
    const offenders = declarations.filter((file) =>
      /(from\s+|import\()\s*['"]kafkajs['"]/.test(readFileSync(file, 'utf8')),
    )
    expect(offenders.map((file) => relative(root, file))).toEqual([])
  })
})
