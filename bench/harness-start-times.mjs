// How long @kafkakit/testing takes to give a test a real Kafka cluster or schema registry on the local JVM.
// Cold: empty kafkakit cache and an empty Maven local repository (everything is downloaded); warm: cached.
// Run after `npm run build`:  node bench/harness-start-times.mjs [--warm-runs 3]
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startKafka, startSchemaRegistry } from '../packages/testing/dist/index.js'

const { values } = parseArgs({ options: { 'warm-runs': { type: 'string', default: '3' } } })
const warmRuns = Number(values['warm-runs'])

async function time(start) {
  const began = performance.now()
  const service = await start()
  const seconds = (performance.now() - began) / 1000
  await service.stop()
  return seconds
}

/** Points the harness and Maven at empty caches for one measurement. */
async function withColdCaches(run) {
  const dir = await mkdtemp(join(tmpdir(), 'kafkakit-cold-'))
  const saved = { cache: process.env.KAFKAKIT_CACHE_DIR, maven: process.env.MAVEN_OPTS }
  process.env.KAFKAKIT_CACHE_DIR = join(dir, 'kafkakit')
  process.env.MAVEN_OPTS = `${saved.maven ?? ''} -Dmaven.repo.local=${join(dir, 'm2')}`
  try {
    return await run()
  } finally {
    if (saved.cache === undefined) delete process.env.KAFKAKIT_CACHE_DIR
    else process.env.KAFKAKIT_CACHE_DIR = saved.cache
    if (saved.maven === undefined) delete process.env.MAVEN_OPTS
    else process.env.MAVEN_OPTS = saved.maven
    await rm(dir, { recursive: true, force: true })
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const cases = [
  ['Kafka, 1 node', () => startKafka({ mode: 'local' })],
  ['Kafka, 3 nodes', () => startKafka({ mode: 'local', nodes: 3 })],
  ['Apicurio Registry', () => startSchemaRegistry({ mode: 'local' })],
]
console.log('| service | cold (s) | warm, median of %d (s) |', warmRuns)
console.log('| --- | --- | --- |')
for (const [name, start] of cases) {
  const cold = await withColdCaches(() => time(start))
  await time(start) // fills the real cache if it was empty
  const warm = []
  for (let i = 0; i < warmRuns; i++) warm.push(await time(start))
  console.log(`| ${name} | ${cold.toFixed(1)} | ${median(warm).toFixed(1)} |`)
}
