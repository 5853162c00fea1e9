import { existsSync } from 'node:fs'
import { mkdir, readFile, rename } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { cacheDir } from '../cache-dir.js'
import type { JavaRuntime } from './find-java.js'
import { packageRoot } from './package-root.js'
import { runMaven } from './run-maven.js'

/**
 * The runtime classpath of Apache Kafka `version` (the kafka_2.13 broker and its dependencies, plus an
 * SLF4J backend), resolved by Maven from jvm/pom.xml on first use and cached: later runs need no network
 * and do not start Maven at all.
 */
export async function kafkaClasspath(
  version: string,
  options: { java: JavaRuntime; mavenCommand: string | undefined; signal?: AbortSignal | undefined },
): Promise<string> {
  const dir = join(cacheDir(), `kafka-${version}`)
  const file = join(dir, 'classpath.txt')
  const cached = await readClasspath(file)
  if (cached) return cached
  await mkdir(dir, { recursive: true })
  const partial = `${file}.${process.pid}.tmp`
  await runMaven(
    [
      '-f',
      join(packageRoot(), 'jvm', 'pom.xml'),
      'dependency:build-classpath',
      `-Dkafka.version=${version}`,
      '-Dmdep.includeScope=runtime',
      `-Dmdep.outputFile=${partial}`,
    ],
    { ...options, purpose: `Apache Kafka ${version} (org.apache.kafka:kafka_2.13)` },
  )
  await rename(partial, file)
  const resolved = await readClasspath(file)
  if (!resolved) throw new Error(`Maven wrote an unusable classpath to ${file}`)
  return resolved
}

async function readClasspath(file: string): Promise<string | undefined> {
  if (!existsSync(file)) return undefined
  const classpath = (await readFile(file, 'utf8')).trim()
  const entries = classpath.split(delimiter)
  return entries.length > 1 && entries.every((entry) => existsSync(entry)) ? classpath : undefined
}
