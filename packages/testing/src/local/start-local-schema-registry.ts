import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { freePorts } from '../free-ports.js'
import type { SchemaRegistry } from '../schema-registry.js'
import {
  apicurioJavaVersion,
  type ResolvedStartSchemaRegistryOptions,
} from '../start-schema-registry-options.js'
import { setCompatibility, waitForSchemaRegistry } from '../wait-for-schema-registry.js'
import { apicurioJar } from './apicurio-distribution.js'
import { findJava } from './find-java.js'
import { JvmProcess } from './jvm-process.js'
import { startFailed } from './start-failed.js'

/**
 * Runs Apicurio Registry (in-memory storage) on this machine's JVM on a free loopback port and resolves
 * once its Confluent-compatible API answers.
 */
export async function startLocalSchemaRegistry(
  options: ResolvedStartSchemaRegistryOptions,
): Promise<SchemaRegistry> {
  const { signal, version } = options
  const java = await findJava(apicurioJavaVersion(version), options.javaHome)
  const jar = await apicurioJar(version, { java, mavenCommand: options.mavenCommand, signal })
  signal?.throwIfAborted()
  const dir = await mkdtemp(join(tmpdir(), 'kafkakit-registry-'))
  const logFile = join(dir, 'registry.log')
  const [port] = await freePorts(1)
  const registry = new JvmProcess({
    java: java.java,
    args: [
      '-Xms64m',
      '-Xmx512m',
      '-XX:+UseSerialGC',
      '-Dquarkus.http.host=127.0.0.1',
      `-Dquarkus.http.port=${port}`,
      ...options.jvmArgs,
      '-jar',
      jar,
    ],
    logFile,
    cwd: dir,
  })
  const url = `http://127.0.0.1:${port}/apis/ccompat/v7`
  registry.start()
  try {
    await waitForSchemaRegistry(url, {
      timeoutMs: options.startTimeoutMs,
      signal,
      failFast: () =>
        registry.running
          ? undefined
          : startFailed(`Apicurio Registry ${version} exited while starting`, logFile),
    })
    await setCompatibility(url, options.compatibility)
  } catch (error) {
    await registry.kill()
    if (KafkakitError.is(error, ErrorCode.START_FAILED) || KafkakitError.is(error, ErrorCode.ABORTED))
      throw error
    throw startFailed(
      `Apicurio Registry ${version} did not become ready: ${(error as Error).message}`,
      logFile,
    )
  }
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= (async () => {
      await registry.kill()
      if (!options.keepLogs) await rm(dir, { recursive: true, force: true })
    })()
    return stopped
  }
  return { mode: 'local', url, version, logFile, stop, [Symbol.asyncDispose]: stop }
}
