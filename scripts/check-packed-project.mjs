// A user's project outside the monorepo, built from the packed tarballs (npm run test:packed, after npm run build):
//
//   1. `npm pack` of every published package; the tarballs hold what package.json names (entry points, types,
//      bins) and the bins are executable.
//   2. A fresh project in the OS temp folder (fixture: test/packed-project/) installs the tarballs, zod and
//      @opentelemetry/api with `npm install`: one copy of each @kafkakit package, `npm ls` clean, no
//      dependency that needs an install script, every import in the packages' files is declared.
//   3. The project's own TypeScript (5.9.3, strict, exactOptionalPropertyTypes, skipLibCheck off) compiles it
//      four ways: ESM and CommonJS, each with moduleResolution nodenext and bundler.
//   4. check-singletons.mjs: one copy of every class and symbol across entry points, ESM and CommonJS.
//   5. A real Kafka broker (`kafkakit-testing start` from the project's node_modules/.bin) and a real schema
//      registry (@kafkakit/testing's startSchemaRegistry), then the four compiled programs run against them
//      (produce, consume, transactions, registryJson, KafkakitError on real failures), and the `kafkakit`
//      bin creates, lists, produces to and consumes a topic.
//
// Prints a line per check and one summary line; exits 1 on any failure (the project is kept for a look).
// Options: --keep (keep the project folder), --no-broker (steps 1-4 only).
import { spawn } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'

const started = Date.now()
const root = resolve(import.meta.dirname, '..')
const fixture = join(root, 'test', 'packed-project')
const args = new Set(process.argv.slice(2))
const keep = args.has('--keep')
const withBroker = !args.has('--no-broker')
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const packageDirs = rootManifest.workspaces.filter((dir) => dir.startsWith('packages/'))

const failures = []
const notes = []
/** Node.js process warnings seen on any child's stderr: message → the command that printed it first. */
const warnings = new Map()
const children = new Set()
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const fail = (message) => {
  failures.push(message)
  console.log(`FAIL ${message}`)
}
const ok = (message) => console.log(`ok   ${message}`)

/** The environment for every child: without what `npm run` adds (npm_config_local_prefix would point a child npm back at the monorepo). */
const kept = new Set([
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_globalconfig',
  'npm_config_registry',
])
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !(/^npm_/i.test(key) && !kept.has(key)) && key !== 'INIT_CWD',
  ),
)

/**
 * Splits Node.js's process warnings ("(node:123) XWarning: ..." up to its "(Use `node --trace-warnings ...`"
 * line) off a stderr text, records them, and returns the rest.
 */
function takeNodeWarnings(stderr, command) {
  const rest = []
  const lines = stderr.split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const warning = /^\(node:\d+\) (.*)$/.exec(lines[i])
    if (!warning) {
      rest.push(lines[i])
      continue
    }
    let message = warning[1]
    while (i + 1 < lines.length && !/^\(node:\d+\)/.test(lines[i + 1])) {
      i += 1
      if (lines[i].startsWith('(Use `node --trace-warnings')) break
      message += ` ${lines[i].trim()}`
    }
    const key = message.replace(/-?\d{6,}/g, 'N')
    if (!warnings.has(key)) warnings.set(key, command)
  }
  return rest.join('\n')
}

/** Runs a command to its end: { code, signal, stdout, stderr, ms }. Never rejects, except when it cannot start. */
function run(command, commandArgs, { cwd = root, env = {}, input, timeoutMs = 120_000, exitsAfter } = {}) {
  const begun = Date.now()
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, {
      cwd,
      env: { ...childEnv, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    children.add(child)
    const out = []
    const err = []
    let timedOut = false
    let lingering
    child.stdout.on('data', (chunk) => {
      out.push(chunk)
      // Once `exitsAfter.pattern` was printed, the process must end within `exitsAfter.ms`.
      if (exitsAfter && !lingering && exitsAfter.pattern.test(Buffer.concat(out).toString())) {
        lingering = setTimeout(() => {
          timedOut = true
          child.kill('SIGKILL')
        }, exitsAfter.ms)
      }
    })
    child.stderr.on('data', (chunk) => err.push(chunk))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      children.delete(child)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      clearTimeout(lingering)
      children.delete(child)
      resolvePromise({
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString(),
        stderr: takeNodeWarnings(
          Buffer.concat(err).toString(),
          [command, ...commandArgs].map(shortPath).join(' '),
        ),
        ms: Date.now() - begun,
      })
    })
    child.stdin.on('error', () => {})
    child.stdin.end(input ?? '')
  })
}

const shortPath = (arg) =>
  (arg.startsWith(tmpdir()) ? arg.replace(/^.*[\\/]project[\\/]/, '') : arg).replace(process.execPath, 'node')

const describe = (result) =>
  `${result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`}\n${`${result.stdout}${result.stderr}`.trim().split('\n').slice(-30).join('\n')}`

/** Starts a long-running service and resolves to what `pattern` captures from its stdout. */
function startService(name, command, commandArgs, { cwd, pattern, timeoutMs }) {
  const child = spawn(command, commandArgs, { cwd, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] })
  children.add(child)
  let output = ''
  const ready = new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${seconds(timeoutMs)}:\n${output}`)),
      timeoutMs,
    )
    const onData = (chunk) => {
      output += chunk
      const match = pattern.exec(output)
      if (match) {
        clearTimeout(timer)
        resolvePromise(match[1].trim())
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      reject(
        new Error(`${name} ended (${signal ?? `exit code ${code}`}) before it was ready:\n${output.trim()}`),
      )
    })
  })
  ready.catch(() => {})
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
    takeNodeWarnings(output, name)
  }
  return { ready, stop, output: () => output }
}

function cleanupAndExit(code) {
  for (const child of children) child.kill('SIGKILL')
  process.exit(code)
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => cleanupAndExit(130))

const phase = async (name, work) => {
  const begun = Date.now()
  console.log(`::: ${name}`)
  const result = await work()
  console.log(`::: ${name}: ${seconds(Date.now() - begun)}`)
  return result
}

// ---------------------------------------------------------------------------------------------------------
// 1. Pack

/** Every file path a package.json names: main, module, types, bin, exports leaves. */
function namedFiles(manifest) {
  const files = new Set()
  const add = (path) => typeof path === 'string' && files.add(path.replace(/^\.\//, ''))
  for (const field of ['main', 'module', 'types']) add(manifest[field])
  for (const path of Object.values(manifest.bin ?? {})) add(path)
  const walk = (value) => {
    if (typeof value === 'string') add(value)
    else if (value && typeof value === 'object') for (const inner of Object.values(value)) walk(inner)
  }
  walk(manifest.exports)
  return [...files]
}

async function pack(work) {
  for (const dir of packageDirs) {
    if (!existsSync(join(root, dir, 'dist')))
      throw new Error(`${dir}/dist is missing: run npm run build first`)
  }
  const tarballs = join(work, 'tarballs')
  mkdirSync(tarballs)
  const result = await run('npm', [
    'pack',
    '--json',
    '--pack-destination',
    tarballs,
    ...packageDirs.flatMap((dir) => ['-w', dir]),
  ])
  if (result.code !== 0) throw new Error(`npm pack failed: ${describe(result)}`)
  const packed = JSON.parse(result.stdout)
  const byName = {}
  const withoutReadme = []
  const withoutLicense = []
  for (const entry of packed) {
    const dir = packageDirs.find(
      (d) => JSON.parse(readFileSync(join(root, d, 'package.json'), 'utf8')).name === entry.name,
    )
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
    const files = new Map(entry.files.map((f) => [f.path, f]))
    const missing = namedFiles(manifest).filter((path) => !files.has(path))
    if (missing.length)
      fail(`${entry.name}: the tarball lacks files its package.json names: ${missing.join(', ')}`)
    for (const [binName, path] of Object.entries(manifest.bin ?? {})) {
      const file = files.get(path.replace(/^\.\//, ''))
      if (file && (file.mode & 0o111) === 0)
        fail(`${entry.name}: bin ${binName} (${path}) is not executable in the tarball`)
      if (path.includes('dist/'))
        fail(
          `${entry.name}: bin ${binName} is under dist/, which a fresh clone has not built when npm links bins`,
        )
      if (!readFileSync(join(root, dir, path), 'utf8').startsWith('#!/usr/bin/env node\n'))
        fail(`${entry.name}: bin ${binName} has no "#!/usr/bin/env node" line`)
    }
    // npm adds README and LICENSE files by itself, whatever `files` says: check it did.
    for (const file of readdirSync(join(root, dir)).filter((f) =>
      /^(readme|license|licence)(\..*)?$/i.test(f),
    )) {
      if (!files.has(file)) fail(`${entry.name}: ${file} is not in the tarball`)
    }
    if (![...files.keys()].some((f) => /^readme/i.test(f))) withoutReadme.push(entry.name)
    if (![...files.keys()].some((f) => /^licen[cs]e/i.test(f)))
      withoutLicense.push(`${entry.name} (${manifest.license})`)
    byName[entry.name] = join(tarballs, entry.filename)
    ok(`packed ${entry.name}: ${entry.files.length} files, ${Math.round(entry.size / 1024)} kB`)
  }
  // npm adds a package folder's README.md and LICENSE by itself; say which packages have none yet.
  if (withoutReadme.length) notes.push(`no README in the tarballs of ${withoutReadme.join(', ')}`)
  if (withoutLicense.length) notes.push(`no LICENSE file in the tarballs of ${withoutLicense.join(', ')}`)
  return byName
}

// ---------------------------------------------------------------------------------------------------------
// 2. The project and its install

function createProject(work, tarballs) {
  const project = join(work, 'project')
  mkdirSync(project)
  const manifest = JSON.parse(readFileSync(join(fixture, 'package.json'), 'utf8'))
  for (const [name, tarball] of Object.entries(tarballs)) manifest.dependencies[name] = `file:${tarball}`
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  for (const file of readdirSync(fixture)) {
    if (/^tsconfig\..*\.json$/.test(file) || file.endsWith('.mjs'))
      cpSync(join(fixture, file), join(project, file))
  }
  // nodenext takes a file's module format from the nearest package.json: the same sources twice.
  for (const [dir, type] of [
    ['esm', 'module'],
    ['cjs', 'commonjs'],
  ]) {
    mkdirSync(join(project, dir))
    writeFileSync(join(project, dir, 'package.json'), `${JSON.stringify({ type })}\n`)
    cpSync(join(fixture, 'src'), join(project, dir, 'src'), { recursive: true })
  }
  cpSync(join(fixture, 'src-require'), join(project, 'cjs', 'src-require'), { recursive: true })
  return project
}

/** Every installed copy of a package: the folders under any node_modules that hold its package.json. */
function installedCopies(project, name) {
  const copies = []
  const visit = (modules) => {
    if (!existsSync(modules)) return
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue
      const dirs = entry.startsWith('@')
        ? readdirSync(join(modules, entry)).map((e) => join(entry, e))
        : [entry]
      for (const dir of dirs) {
        const path = join(modules, dir)
        if (dir === name && existsSync(join(path, 'package.json'))) copies.push(relative(project, path))
        visit(join(path, 'node_modules'))
      }
    }
  }
  visit(join(project, 'node_modules'))
  return copies
}

/** Bare specifiers imported or required by a file (JavaScript or declarations). */
function bareImports(text) {
  const found = new Set()
  const patterns = [
    /\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ]
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1])
  return [...found].filter((s) => !s.startsWith('.') && !s.startsWith('/'))
}

const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')
const builtins = new Set(builtinModules)

async function install(project, names) {
  const result = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: project,
    timeoutMs: 300_000,
  })
  if (result.code !== 0) throw new Error(`npm install in ${project} failed: ${describe(result)}`)
  const added = /added (\d+) packages?/.exec(result.stdout)?.[1]
  ok(`npm install: ${added ?? '?'} packages in ${seconds(result.ms)}`)
  // npm 11 runs a dependency's install script only when allowScripts approves it; it warns about the others.
  const unapproved = result.stderr
    .split('\n')
    .filter((line) => /install-scripts\s+\S+@\S+ \(/.test(line))
    .map((line) => line.replace(/^npm warn install-scripts\s+/, ''))
  if (unapproved.length)
    fail(
      `dependencies with install scripts that nothing approved (does kafkakit need them? add them to test/packed-project/package.json's allowScripts, and tell users):\n  ${unapproved.join('\n  ')}`,
    )
  const ls = await run('npm', ['ls', '--all'], { cwd: project })
  if (ls.code !== 0) fail(`npm ls reports problems in the installed tree: ${describe(ls)}`)
  else ok('npm ls: no missing, invalid or extraneous packages')
  for (const name of [...names, 'zod', '@opentelemetry/api', 'kafkajs']) {
    const copies = installedCopies(project, name)
    if (copies.length !== 1)
      fail(`${name}: ${copies.length} installed copies (${copies.join(', ')}), expected one`)
  }
  ok(`one installed copy each of ${names.length} @kafkakit packages, zod, @opentelemetry/api and kafkajs`)
  // Everything the built files import must be declared: hoisting in this project hides no mistake in another.
  for (const name of names) {
    const dir = join(project, 'node_modules', name)
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const declared = new Set([
      name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ])
    const undeclared = new Map()
    for (const file of readdirSync(join(dir, 'dist'), { recursive: true })) {
      if (!/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(file)) continue
      for (const specifier of bareImports(readFileSync(join(dir, 'dist', file), 'utf8'))) {
        const bare = specifier.replace(/^node:/, '')
        if (specifier.startsWith('node:') || builtins.has(bare) || builtins.has(packageOf(bare))) continue
        if (!declared.has(packageOf(specifier))) undeclared.set(packageOf(specifier), file)
      }
    }
    for (const [dependency, file] of undeclared)
      fail(
        `${name}: dist/${file} imports ${dependency}, which is not in its dependencies or peerDependencies`,
      )
  }
  ok('every package the built files import is a declared dependency or peer dependency')
}

// ---------------------------------------------------------------------------------------------------------
// 3-5. Compile, singletons, run

const configs = ['esm-nodenext', 'esm-bundler', 'cjs-nodenext', 'cjs-bundler']
const programs = {
  'esm-nodenext': ['esm/dist-nodenext/main.js', 'esm'],
  'esm-bundler': ['esm/dist-bundler/main.js', 'esm'],
  'cjs-nodenext': ['cjs/dist-nodenext/main.js', 'cjs'],
  'cjs-bundler': ['cjs/dist-bundler/main.js', 'cjs'],
}

async function compile(project) {
  const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc')
  const version = JSON.parse(
    readFileSync(join(project, 'node_modules', 'typescript', 'package.json'), 'utf8'),
  ).version
  // Two at a time: each is one core's work.
  const results = {}
  for (let i = 0; i < configs.length; i += 2) {
    await Promise.all(
      configs.slice(i, i + 2).map(async (config) => {
        const result = await run(process.execPath, [tsc, '-p', `tsconfig.${config}.json`, '--listFiles'], {
          cwd: project,
        })
        results[config] = result.code === 0
        if (result.code !== 0) {
          fail(`tsc ${version} ${config} does not compile: ${describe(result)}`)
          return
        }
        // The declarations of the format the program is: .d.ts for ESM, .d.cts for CommonJS.
        const declarations = result.stdout
          .split('\n')
          .filter((line) => /[\\/]@kafkakit[\\/]core[\\/]dist[\\/]index\.d\.c?ts$/.test(line))
        const want = config.startsWith('cjs') ? 'index.d.cts' : 'index.d.ts'
        if (declarations.length !== 1 || !declarations[0].endsWith(want))
          fail(
            `tsc ${config} read @kafkakit/core's ${declarations.map((d) => d.split(/[\\/]/).at(-1)).join(' and ') || 'no declarations'}, expected ${want}`,
          )
        else ok(`tsc ${version} ${config}: compiles, with @kafkakit/core's ${want} (${seconds(result.ms)})`)
      }),
    )
  }
  return results
}

async function runPrograms(project, compiled, env) {
  for (const config of configs) {
    if (!compiled[config]) continue
    const [file, format] = programs[config]
    const result = await run(process.execPath, [file], {
      cwd: project,
      env: { ...env, PACKED_LABEL: config, PACKED_EXPECT_FORMAT: format },
      timeoutMs: 120_000,
      exitsAfter: { pattern: /steps passed|a refused record is/, ms: 15_000 },
    })
    const lines = result.stdout.trim().split('\n')
    const summary = lines.pop() ?? ''
    if (result.code === 0) {
      ok(`${summary} (process: ${seconds(result.ms)})`)
      for (const line of lines) console.log(`     ${line.trim()}`)
    } else if (result.timedOut && /steps passed|a refused record is/.test(result.stdout))
      fail(
        `${config}: every step passed but the process did not exit within 15 s (something kafkakit opened keeps it alive):\n${result.stdout.trim()}`,
      )
    else fail(`${config}: ${describe(result)}`)
  }
}

async function runCli(project, bootstrapServers) {
  const bin = (name) => join(project, 'node_modules', '.bin', name)
  const cli = (cliArgs, input) =>
    run(bin('kafkakit'), [...cliArgs, '--bootstrap-servers', bootstrapServers], {
      cwd: project,
      input,
      timeoutMs: 60_000,
    })
  const topic = `packed-cli-${Date.now().toString(36)}`
  const expect = (what, result, check) => {
    if (result.code === 0 && check(result)) return true
    fail(`kafkakit ${what}: ${describe(result)}`)
    return false
  }
  const steps = [
    ['topics create', () => cli(['topics', 'create', topic, '--partitions', '2']), () => true],
    ['topics list', () => cli(['topics', 'list']), (r) => r.stdout.split('\n').includes(topic)],
    ['produce', () => cli(['produce', topic, '--key-separator', ':'], 'k1:v1\nk2:v2\n'), () => true],
    [
      'consume',
      () => cli(['consume', topic, '--from-beginning', '--max-messages', '2', '--timeout-ms', '30000']),
      (r) => {
        const records = r.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line))
        return (
          records
            .map((record) => `${record.key}:${record.value}`)
            .sort()
            .join(',') === 'k1:v1,k2:v2'
        )
      },
    ],
    ['topics describe', () => cli(['topics', 'describe', topic]), (r) => r.stdout.includes(topic)],
  ]
  // A real failure: exit code 1 and one line on stderr, soon.
  const missing = `${topic}-missing`
  const failing = ['produce to a missing topic', () => cli(['produce', missing], 'v\n')]
  const begun = Date.now()
  for (const [what, start, check] of steps) {
    if (!expect(what, await start(), check)) return
  }
  const refused = await failing[1]()
  const lines = refused.stderr.trim().split('\n')
  if (refused.code !== 1 || lines.length !== 1 || !lines[0].startsWith('kafkakit produce: '))
    fail(`kafkakit ${failing[0]}: expected exit code 1 and one line on stderr: ${describe(refused)}`)
  else ok(`kafkakit ${failing[0]}: exit code 1 in ${seconds(refused.ms)}, "${lines[0]}"`)
  ok(
    `the kafkakit bin (node_modules/.bin): ${steps.map(([what]) => what).join(', ')} (${seconds(Date.now() - begun)})`,
  )
}

// ---------------------------------------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'kafkakit-packed-'))
let project
const services = []
let exitCode = 1
try {
  console.log(`packed project in ${work}`)
  const tarballs = await phase('pack', () => pack(work))
  project = createProject(work, tarballs)
  await phase('install', () => install(project, Object.keys(tarballs)))

  const bins = join(project, 'node_modules', '.bin')
  for (const [name, usage] of [
    ['kafkakit', /^Usage: kafkakit /],
    ['kafkakit-testing', /^Usage:\s+kafkakit-testing /],
  ]) {
    if (!existsSync(join(bins, name))) {
      fail(`node_modules/.bin/${name} is missing`)
      continue
    }
    const result = await run(join(bins, name), ['--help'], { cwd: project })
    if (result.code === 0 && usage.test(result.stdout)) ok(`node_modules/.bin/${name} --help`)
    else fail(`node_modules/.bin/${name} --help: ${describe(result)}`)
  }

  // The broker and the registry start while TypeScript compiles.
  let kafka
  let registry
  if (withBroker && existsSync(join(bins, 'kafkakit-testing'))) {
    kafka = startService('kafkakit-testing start', join(bins, 'kafkakit-testing'), ['start'], {
      cwd: project,
      pattern: /^KAFKA_BOOTSTRAP_SERVERS=(.+)$/m,
      timeoutMs: 300_000,
    })
    registry = startService('the schema registry (services.mjs)', process.execPath, ['services.mjs'], {
      cwd: project,
      pattern: /^SCHEMA_REGISTRY_URL=(.+)$/m,
      timeoutMs: 300_000,
    })
    services.push(kafka, registry)
  }
  const compiled = await phase('compile', () => compile(project))
  await phase('singletons', async () => {
    const result = await run(process.execPath, ['check-singletons.mjs'], { cwd: project })
    for (const line of result.stdout.trim().split('\n')) console.log(line)
    if (result.code !== 0) fail(`check-singletons.mjs: ${describe(result)}`)
  })

  if (kafka && registry) {
    const [bootstrapServers, schemaRegistryUrl] = await phase('broker and registry', async () => {
      const urls = await Promise.all([kafka.ready, registry.ready])
      ok(`Kafka at ${urls[0]} (kafkakit-testing start), schema registry at ${urls[1]}`)
      return urls
    })
    const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrapServers, SCHEMA_REGISTRY_URL: schemaRegistryUrl }
    await phase('programs', () => runPrograms(project, compiled, env))
    await phase('cli', () => runCli(project, bootstrapServers))
  } else if (withBroker) fail('no broker started: node_modules/.bin/kafkakit-testing is missing')
  exitCode = failures.length === 0 ? 0 : 1
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
} finally {
  await Promise.all(services.map((service) => service.stop()))
  for (const note of notes) console.log(`note ${note}`)
  for (const [message, command] of warnings)
    console.log(`note a Node.js warning (first from ${command}): ${message}`)
  const elapsed = seconds(Date.now() - started)
  if (failures.length === 0 && exitCode === 0) {
    if (!keep) rmSync(work, { recursive: true, force: true })
    console.log(
      `packed project: ok in ${elapsed} (${packageDirs.length} tarballs installed outside the monorepo; tsc ${configs.join(', ')}; singletons; ${withBroker ? 'ESM and CommonJS programs and the kafkakit bin against a real broker and schema registry' : 'no broker (--no-broker)'})${keep ? `; kept ${work}` : ''}`,
    )
  } else {
    console.log(
      `packed project: FAILED (${failures.length} failure${failures.length === 1 ? '' : 's'}) in ${elapsed}; the project is kept in ${work}`,
    )
    console.log(`first failure: ${failures[0]?.split('\n')[0]}`)
  }
  cleanupAndExit(failures.length === 0 && exitCode === 0 ? 0 : 1)
}
