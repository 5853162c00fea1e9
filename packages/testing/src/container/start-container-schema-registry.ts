import type { SchemaRegistry } from '../schema-registry.js'
import type { ResolvedStartSchemaRegistryOptions } from '../start-schema-registry-options.js'
import { setCompatibility, waitForSchemaRegistry } from '../wait-for-schema-registry.js'
import { loadTestcontainers } from './load-testcontainers.js'

/** Runs the apicurio/apicurio-registry image (in-memory storage) through testcontainers. */
export async function startContainerSchemaRegistry(
  options: ResolvedStartSchemaRegistryOptions,
): Promise<SchemaRegistry> {
  const { GenericContainer } = await loadTestcontainers()
  const image = options.containerImage ?? `apicurio/apicurio-registry:${options.version}`
  const container = await new GenericContainer(image)
    .withExposedPorts(8080)
    .withStartupTimeout(options.startTimeoutMs)
    .start()
  const url = `http://${container.getHost()}:${container.getMappedPort(8080)}/apis/ccompat/v7`
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= container.stop().then(() => undefined)
    return stopped
  }
  try {
    await waitForSchemaRegistry(url, { timeoutMs: options.startTimeoutMs, signal: options.signal })
    await setCompatibility(url, options.compatibility)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    mode: 'container',
    url,
    version: options.containerImage ? undefined : options.version,
    logFile: undefined,
    stop,
    [Symbol.asyncDispose]: stop,
  }
}
