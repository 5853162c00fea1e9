// Starts a real schema registry for the packed project with @kafkakit/testing (from this project's
// node_modules), prints `SCHEMA_REGISTRY_URL=<url>`, and stops it on SIGTERM or SIGINT or when stdin closes
// (the checking script died).
import { startSchemaRegistry } from '@kafkakit/testing'

const registry = await startSchemaRegistry()
console.log(`SCHEMA_REGISTRY_URL=${registry.url}`)
let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  registry.stop().then(
    () => process.exit(0),
    (error) => {
      console.error(`stopping the schema registry: ${error?.message ?? error}`)
      process.exit(1)
    },
  )
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.resume()
