import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ErrorCode, KafkakitError } from '@kafkakit/core'

const run = promisify(execFile)

export interface JavaRuntime {
  /** Path of the java executable. */
  readonly java: string
  /** The JDK folder (for JAVA_HOME), when known. */
  readonly home: string | undefined
  /** Feature version, e.g. 17. */
  readonly version: number
}

const versions = new Map<string, Promise<number | undefined>>()

/**
 * The first Java at least `minVersion`: `javaHome` alone when given; otherwise JAVA_HOME, java on PATH,
 * then the JDKs in the usual install folders. Throws KAFKAKIT_ENVIRONMENT listing what it tried.
 */
export async function findJava(minVersion: number, javaHome?: string): Promise<JavaRuntime> {
  const candidates = javaHome ? [homeCandidate(javaHome)] : discoverCandidates()
  const tried: string[] = []
  for (const candidate of candidates) {
    const version = await javaVersion(candidate.java)
    tried.push(`${candidate.java} (${version === undefined ? 'not runnable' : `Java ${version}`})`)
    if (version !== undefined && version >= minVersion) return { ...candidate, version }
  }
  throw new KafkakitError(
    ErrorCode.ENVIRONMENT,
    `Java ${minVersion} or newer is needed to run Kafka on the local JVM, but none was found. Tried: ${
      tried.join(', ') || 'nothing'
    }. Install a JDK ${minVersion}+ (e.g. apt-get install openjdk-17-jre-headless) and put it on PATH or set JAVA_HOME` +
      `${javaHome ? ' (or fix the javaHome option)' : ''}; or set KAFKA_BOOTSTRAP_SERVERS to use a running cluster.`,
    { details: { tried } },
  )
}

function homeCandidate(home: string) {
  return { java: join(home, 'bin', 'java'), home }
}

function discoverCandidates(): { java: string; home: string | undefined }[] {
  const list: { java: string; home: string | undefined }[] = []
  if (process.env.JAVA_HOME) list.push(homeCandidate(process.env.JAVA_HOME))
  list.push({ java: 'java', home: undefined })
  for (const root of ['/usr/lib/jvm', '/opt/java', '/usr/java', '/Library/Java/JavaVirtualMachines']) {
    if (!existsSync(root)) continue
    for (const entry of readdirSync(root).sort().reverse()) {
      const home = root.startsWith('/Library') ? join(root, entry, 'Contents', 'Home') : join(root, entry)
      if (existsSync(join(home, 'bin', 'java'))) list.push(homeCandidate(home))
    }
  }
  return list
}

function javaVersion(java: string): Promise<number | undefined> {
  let version = versions.get(java)
  if (!version) {
    version = run(java, ['-XshowSettings:properties', '-version'], { timeout: 15_000 })
      .then(({ stdout, stderr }) => {
        const match = /java\.specification\.version = (\d+)(?:\.(\d+))?/.exec(stderr + stdout)
        if (!match) return undefined
        return match[1] === '1' ? Number(match[2]) : Number(match[1])
      })
      .catch(() => undefined)
    versions.set(java, version)
  }
  return version
}
