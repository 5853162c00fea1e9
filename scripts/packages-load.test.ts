import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

// The built packages as a user's Node.js loads them (not through vitest's resolver): every entry point,
// as ESM and as CommonJS, exports what it should. Vitest hid a named import from CommonJS kafkajs that
// plain Node's ESM loader rejects.
const root = join(import.meta.dirname, '..')
const entries: [string, string[]][] = [
  ['@kafkakit/core', ['createClient', 'defineTopic', 'json', 'avro', 'registryAvro', 'KafkakitError']],
  ['@kafkakit/core/internal', ['createAdmin', 'defineTransport', 'transportInternals']],
  ['@kafkakit/producer', ['createProducer', 'createTransactionalProducer', 'murmur2']],
  ['@kafkakit/consumer', ['createConsumer', 'nonRetriable']],
  ['@kafkakit/testing', ['startKafka', 'startSchemaRegistry', 'createTopic', 'waitFor']],
  ['@kafkakit/testing/vitest', ['kafkakitGlobalSetup']],
  ['@kafkakit/cli', ['runCli', 'generateFiles', 'loadCodegenConfig', 'avroToZod', 'jsonSchemaToZod']],
]

const run = (code: string, type: 'module' | 'commonjs') =>
  execFileSync(process.execPath, [`--input-type=${type}`, '-e', code], { cwd: root, encoding: 'utf8' })

test.each(entries)('%s loads as ESM and as CommonJS with its exports', (entry, names) => {
  const check = `const names = ${JSON.stringify(names)}; const missing = names.filter((n) => typeof m[n] !== 'function'); if (missing.length) { console.log('missing ' + missing); process.exit(1) } console.log('ok')`
  expect(run(`const m = await import(${JSON.stringify(entry)}); ${check}`, 'module').trim()).toBe('ok')
  expect(run(`const m = require(${JSON.stringify(entry)}); ${check}`, 'commonjs').trim()).toBe('ok')
})

test('testcontainers is found by the lazy container-runtime probe (a missing export would pass for "no runtime")', () => {
  const code = `const t = await import('testcontainers'); console.log(typeof t.getContainerRuntimeClient, typeof t.GenericContainer, typeof t.Network)`
  expect(run(code, 'module').trim()).toBe('function function function')
})

test('a client from @kafkakit/core works with @kafkakit/producer in plain Node, as ESM and as CommonJS', () => {
  const use = `const { createProducer, createTransactionalProducer } = producer
    const client = core.createClient({ brokers: ['127.0.0.1:1'] })
    createProducer(client)
    createTransactionalProducer(client, { transactionalId: 'x' })
    console.log('ok')`
  expect(
    run(
      `const core = await import('@kafkakit/core'); const producer = await import('@kafkakit/producer'); ${use}`,
      'module',
    ).trim(),
  ).toBe('ok')
  expect(
    run(
      `const core = require('@kafkakit/core'); const producer = require('@kafkakit/producer'); ${use}`,
      'commonjs',
    ).trim(),
  ).toBe('ok')
})

test.each([
  ['cli', 'kafkakit', /^Usage: kafkakit <command>/],
  ['testing', 'kafkakit-testing', /^Usage:\n {2}kafkakit-testing prepare/],
])(
  "@kafkakit/%s's bin %s is a committed executable with a node shebang (linked by npm install before any build)",
  (dir, name, usage) => {
    const pkg = join(root, 'packages', dir)
    const { bin, files } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      bin: Record<string, string>
      files: string[]
    }
    const path = bin[name]!
    // Not under dist/: npm links bins at install time, and dist/ does not exist yet in a fresh clone.
    expect(path).not.toMatch(/dist\//)
    expect(files).toContain(path.replace(/^\.\//, '').split('/')[0])
    const file = join(pkg, path)
    expect(readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    expect(execFileSync(file, ['--help'], { cwd: root, encoding: 'utf8' })).toMatch(usage)
  },
)

test('one copy of every class and symbol across entry points, ESM and CommonJS (test/packed-project/check-singletons.mjs on the builds)', () => {
  const output = execFileSync(
    process.execPath,
    [join(root, 'test', 'packed-project', 'check-singletons.mjs')],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
  expect(output).toMatch(/^singletons: ok/m)
})
