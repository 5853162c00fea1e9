#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { KafkakitError } from '@kafkakit/core'
import { apicurioJar } from './local/apicurio-distribution.js'
import { findJava } from './local/find-java.js'
import { kafkaClasspath } from './local/kafka-classpath.js'
import { startKafka } from './start-kafka.js'
import { DEFAULT_KAFKA_VERSION } from './start-kafka-options.js'
import { apicurioJavaVersion, DEFAULT_APICURIO_VERSION } from './start-schema-registry-options.js'

const usage = `Usage:
  kafkakit-testing prepare [--kafka-version V] [--schema-registry [--registry-version V]]
                                                 fetch and cache what local mode needs (run once, online)
  kafkakit-testing start [--nodes 1|3] [--mode M] [--kafka-version V]
                                                 start a cluster, print its bootstrap servers, stop on Ctrl-C`

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'kafka-version': { type: 'string', default: DEFAULT_KAFKA_VERSION },
      nodes: { type: 'string', default: '1' },
      mode: { type: 'string', default: 'auto' },
      'schema-registry': { type: 'boolean', default: false },
      'registry-version': { type: 'string', default: DEFAULT_APICURIO_VERSION },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const command = positionals[0]
  if (values.help || !command) {
    console.log(usage)
    return
  }
  const kafkaVersion = values['kafka-version']
  if (command === 'prepare') {
    const started = Date.now()
    const java = await findJava(17)
    await kafkaClasspath(kafkaVersion, { java, mavenCommand: undefined })
    console.log(`Apache Kafka ${kafkaVersion} is cached (Java ${java.version}, ${Date.now() - started} ms)`)
    if (values['schema-registry']) {
      const version = values['registry-version']
      const registryStarted = Date.now()
      const registryJava = await findJava(apicurioJavaVersion(version))
      await apicurioJar(version, { java: registryJava, mavenCommand: undefined })
      console.log(
        `Apicurio Registry ${version} is cached (Java ${registryJava.version}, ${Date.now() - registryStarted} ms)`,
      )
    }
  } else if (command === 'start') {
    const cluster = await startKafka({
      nodes: Number(values.nodes) as 1,
      mode: values.mode as 'auto',
      kafkaVersion,
    })
    console.log(`KAFKA_BOOTSTRAP_SERVERS=${cluster.bootstrapServers}`)
    const stop = () => void cluster.stop().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  } else {
    throw new Error(`unknown command "${command}"\n${usage}`)
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(
    `kafkakit-testing: ${KafkakitError.is(error) || error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
