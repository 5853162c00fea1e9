// One copy of every runtime class and symbol, however many entry points a program imports.
//
// For every published package, in ESM (import) and in CommonJS (require): every export that more than one
// entry point of the package offers is the same object in each; and an error thrown by code reached through
// @kafkakit/core/internal (directly, and through the producer, consumer and testing packages, which import
// it) is `instanceof KafkakitError` of @kafkakit/core. Run with plain Node from any project where the
// packages resolve: the packed-tarball project (scripts/check-packed-project.mjs) or this repository after
// `npm run build`. Prints one line per check; exits 1 on any failure.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const packages = ['core', 'producer', 'consumer', 'testing', 'cli'].map((name) => `@kafkakit/${name}`)
const failures = []
const fail = (message) => {
  failures.push(message)
  console.log(`FAIL ${message}`)
}

/** The entry points of a package's exports map ('.' → '@kafkakit/x', './y' → '@kafkakit/x/y'). */
function entryPoints(name) {
  const manifest = require.resolve(`${name}/package.json`)
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8'))
  return {
    dir: dirname(manifest),
    entries: Object.keys(exports)
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`)),
  }
}

const formats = {
  esm: (specifier) => import(specifier),
  cjs: (specifier) => require(specifier),
}

/** Every export offered by more than one entry point of one package is the same object in each. */
async function sameObjectAcrossEntries(format, name) {
  const { entries } = entryPoints(name)
  const seen = new Map() // export name → [entry, value]
  let shared = 0
  for (const entry of entries) {
    const module = await formats[format](entry)
    for (const [key, value] of Object.entries(module)) {
      if (key === 'default' || key === '__esModule' || key === 'module.exports') continue
      const first = seen.get(key)
      if (!first) {
        seen.set(key, [entry, value])
        continue
      }
      shared += 1
      if (!Object.is(first[1], value))
        fail(`${format}: ${key} from ${entry} is not the object ${first[0]} exports (two copies)`)
    }
  }
  return { entries: entries.length, shared }
}

/**
 * Read from the built files: each class and each `Symbol(...)` of a package is declared in one file per
 * format (esbuild writes `var Name = class ...`), so no two entry points or chunks carry their own copy; and
 * no other package declares a class of @kafkakit/core (which would mean core was bundled into it).
 */
function declaredOnce(format) {
  const extension = format === 'esm' ? '.js' : '.cjs'
  const declarations = new Map() // 'package class Name' → files
  const coreClasses = new Set()
  for (const name of packages) {
    const { dir } = entryPoints(name)
    const dist = join(dir, 'dist')
    for (const file of readdirSync(dist).filter((f) => f.endsWith(extension))) {
      const text = readFileSync(join(dist, file), 'utf8')
      const found = [
        ...[...text.matchAll(/\bvar ([\w$]+) = (?:\([\w$]+ = )?class\b/g)].map((m) => `class ${m[1]}`),
        ...[...text.matchAll(/(?<![\w$.])class (?!extends\b)([\w$]+)/g)].map((m) => `class ${m[1]}`),
        ...[...text.matchAll(/(?<![\w$.])Symbol\((["'][^"']*["'])\)/g)].map((m) => `Symbol(${m[1]})`),
      ]
      for (const what of new Set(found)) {
        const key = `${name} ${what}`
        declarations.set(key, [...(declarations.get(key) ?? []), file])
        if (name === '@kafkakit/core' && what.startsWith('class ')) coreClasses.add(what)
      }
    }
  }
  let count = 0
  for (const [key, files] of declarations) {
    count += 1
    const [name, ...what] = key.split(' ')
    if (files.length > 1)
      fail(`${format}: ${name} declares ${what.join(' ')} in ${files.length} files: ${files.join(', ')}`)
    if (name !== '@kafkakit/core' && coreClasses.has(what.join(' ')))
      fail(`${format}: ${name} declares @kafkakit/core's ${what.join(' ')} (core bundled into it?)`)
  }
  return count
}

/** Resolves to the rejection of `run()` (sync throw or rejected promise), or fails when there is none. */
async function rejection(what, run) {
  try {
    await run()
  } catch (error) {
    return error
  }
  fail(`${what} did not throw`)
  return undefined
}

/** Errors thrown behind @kafkakit/core/internal are instances of @kafkakit/core's KafkakitError. */
async function errorsAreKafkakitErrors(format) {
  const load = formats[format]
  const core = await load('@kafkakit/core')
  const internal = await load('@kafkakit/core/internal')
  const { createProducer, createTransactionalProducer } = await load('@kafkakit/producer')
  const { createConsumer } = await load('@kafkakit/consumer')
  const { startKafka, startSchemaRegistry } = await load('@kafkakit/testing')
  const { z } = await load('zod')
  // A client that never connects: every call below fails its option check before any network use.
  const client = core.createClient({ brokers: ['127.0.0.1:1'] })
  const cases = [
    [
      '@kafkakit/core/internal parseOptions',
      () => internal.parseOptions(z.strictObject({}), { bogus: 1 }, 'x'),
    ],
    ['@kafkakit/producer createProducer', () => createProducer(client, { bogus: 1 })],
    [
      '@kafkakit/producer createTransactionalProducer',
      () => createTransactionalProducer(client, { transactionalId: 't', bogus: 1 }),
    ],
    [
      '@kafkakit/consumer createConsumer',
      () => createConsumer(client, { groupId: 'g', topics: [], bogus: 1 }),
    ],
    ['@kafkakit/testing startKafka', () => startKafka({ bogus: 1 })],
    ['@kafkakit/testing startSchemaRegistry', () => startSchemaRegistry({ bogus: 1 })],
  ]
  const errors = []
  for (const [what, run] of cases) {
    const error = await rejection(`${format}: ${what}({ bogus })`, run)
    if (error === undefined) continue
    errors.push(error)
    if (!(error instanceof core.KafkakitError))
      fail(`${format}: ${what}'s error is not instanceof KafkakitError of @kafkakit/core: ${error}`)
    else if (error.code !== core.ErrorCode.CONFIG) fail(`${format}: ${what}'s error has code ${error.code}`)
  }
  await client[Symbol.asyncDispose]()
  return { core, errors, cases: cases.length }
}

const started = Date.now()
const results = {}
for (const format of Object.keys(formats)) {
  const failedBefore = failures.length
  let shared = 0
  let entries = 0
  for (const name of packages) {
    const counts = await sameObjectAcrossEntries(format, name)
    shared += counts.shared
    entries += counts.entries
  }
  const declarations = declaredOnce(format)
  results[format] = await errorsAreKafkakitErrors(format)
  console.log(
    `${failures.length === failedBefore ? 'ok  ' : 'FAIL'} ${format}: ${entries} entry points of ${packages.length} packages (${shared} exports offered by two or more: each one object); ${declarations} classes and symbols each declared in one file; ${results[format].cases} errors from behind @kafkakit/core/internal are KafkakitErrors`,
  )
}
// ESM and CommonJS are two copies by nature (the dual package hazard): KafkakitError.is, a Symbol.for brand,
// is what holds across them (and across duplicate installs).
for (const [from, to] of [
  ['esm', 'cjs'],
  ['cjs', 'esm'],
]) {
  for (const error of results[from].errors) {
    if (!results[to].core.KafkakitError.is(error, results[to].core.ErrorCode.CONFIG))
      fail(`KafkakitError.is of the ${to} build does not recognise an error of the ${from} build`)
  }
}
console.log(
  `singletons: ${failures.length === 0 ? 'ok' : `${failures.length} FAILED`} (KafkakitError.is across the ESM and CommonJS builds too), ${Date.now() - started} ms, packages in ${dirname(dirname(require.resolve('@kafkakit/core/package.json')))}`,
)
process.exit(failures.length === 0 ? 0 : 1)
