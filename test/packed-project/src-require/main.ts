// CommonJS written as such (`import x = require()`), type-checked with moduleResolution bundler and
// module preserve: the packages' `require` types (.d.cts) under a bundler's resolution, and their CommonJS
// build at run time. Only API that is not being renamed; the scenario itself is in src/scenario.ts.
import core = require('@kafkakit/core')
import producerPackage = require('@kafkakit/producer')
import z = require('zod')

const Order = z.object({ id: z.string(), quantity: z.number().int().positive() })

async function main(): Promise<string> {
  const loaded = Object.keys(require.cache).filter((file) =>
    /@kafkakit[\\/]core[\\/]dist[\\/].*\.cjs$/.test(file),
  )
  if (loaded.length === 0) throw new Error("@kafkakit/core's CommonJS build is not in require.cache")
  const orders = core.defineTopic({ name: 'orders', key: core.string(), value: core.json(Order) })
  // Never connects: a codec validates and encodes without a broker.
  await using client = core.createClient({ brokers: ['127.0.0.1:1'] })
  await using producer = producerPackage.createProducer(client)
  const codec = await client.codec(orders)
  let error: unknown
  try {
    codec.encode({ key: 'o-1', value: { id: 'o-1', quantity: 0 } })
  } catch (e) {
    error = e
  }
  // Never called: the value's type comes from the zod schema, so a string quantity does not compile.
  // @ts-expect-error quantity is a number
  void (() => producer.send(orders, { key: 'o-2', value: { id: 'o-2', quantity: 'one' } }))
  if (!(error instanceof core.KafkakitError)) throw new Error(`not a KafkakitError: ${String(error)}`)
  if (error.code !== core.ErrorCode.VALIDATION) throw new Error(`code ${error.code}`)
  return error.code
}

main().then(
  (code) => console.log(`require syntax (cjs-bundler): a refused record is a KafkakitError (${code})`),
  (error: unknown) => {
    console.error(
      `require syntax (cjs-bundler) FAILED: ${error instanceof Error ? error.message : String(error)}`,
    )
    process.exitCode = 1
  },
)
