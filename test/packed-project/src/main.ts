// The program the packed project compiles (as ESM and as CommonJS) and runs: the scenario, then one line.
// It never calls process.exit: a client, producer or consumer left open keeps it alive, and the checking
// script reports that as a failure.
import { runScenario } from './scenario.js'

const format = typeof require === 'function' && typeof module === 'object' ? 'cjs' : 'esm'
const label = process.env.PACKED_LABEL ?? format
const bootstrapServers = process.env.KAFKA_BOOTSTRAP_SERVERS
const schemaRegistryUrl = process.env.SCHEMA_REGISTRY_URL
const expectedFormat = process.env.PACKED_EXPECT_FORMAT

async function main(): Promise<string[]> {
  if (!bootstrapServers || !schemaRegistryUrl)
    throw new Error('KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL must be set')
  if (expectedFormat && expectedFormat !== format)
    throw new Error(`runs as ${format}, expected ${expectedFormat}`)
  if (format === 'cjs') {
    // The CommonJS build of the packages, not the ESM one through require(esm).
    const loaded = Object.keys(require.cache).filter((file) =>
      /@kafkakit[\\/]core[\\/]dist[\\/].*\.cjs$/.test(file),
    )
    if (loaded.length === 0) throw new Error("@kafkakit/core's CommonJS build is not in require.cache")
  }
  return runScenario({ bootstrapServers, schemaRegistryUrl, label })
}

const started = Date.now()
main().then(
  (passed) => {
    for (const line of passed) console.log(`  ok ${line}`)
    console.log(`scenario ${label} (${format}): ${passed.length} steps passed in ${Date.now() - started} ms`)
  },
  (error: unknown) => {
    console.error(
      `scenario ${label} (${format}) FAILED: ${error instanceof Error ? error.message : String(error)}`,
    )
    if (error instanceof Error && error.cause instanceof Error && error.cause.stack)
      console.error(error.cause.stack)
    process.exitCode = 1
  },
)
