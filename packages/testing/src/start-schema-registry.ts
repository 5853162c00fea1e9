import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { chooseMode } from './choose-mode.js'
import { probeContainerRuntime } from './container/probe-container-runtime.js'
import { startLocalSchemaRegistry } from './local/start-local-schema-registry.js'
import type { SchemaRegistry } from './schema-registry.js'
import {
  resolveStartSchemaRegistryOptions,
  type StartSchemaRegistryOptions,
} from './start-schema-registry-options.js'
import { waitForSchemaRegistry } from './wait-for-schema-registry.js'
import { withPassedOver } from './with-passed-over.js'

/**
 * Starts (or, in external mode, connects to) a real schema registry with a Confluent-compatible API and
 * resolves once that API answers. `auto` (the default) uses SCHEMA_REGISTRY_URL when set, else the
 * Apicurio Registry image through testcontainers when a runtime is found, else Apicurio on the local JVM.
 */
export async function startSchemaRegistry(options: StartSchemaRegistryOptions = {}): Promise<SchemaRegistry> {
  const resolved = resolveStartSchemaRegistryOptions(options)
  const externalUrl = process.env.SCHEMA_REGISTRY_URL?.replace(/\/+$/, '') || undefined
  const choice = await chooseMode(resolved.mode, {
    externalVariable: 'SCHEMA_REGISTRY_URL',
    externalAvailable: externalUrl !== undefined,
    probeContainerRuntime,
  })
  try {
    switch (choice.mode) {
      case 'external': {
        if (!externalUrl) {
          throw new KafkakitError(ErrorCode.CONFIG, 'mode "external" needs SCHEMA_REGISTRY_URL to be set')
        }
        await waitForSchemaRegistry(externalUrl, {
          timeoutMs: Math.min(resolved.startTimeoutMs, 30_000),
          signal: resolved.signal,
        })
        const stop = async () => {}
        return {
          mode: 'external',
          url: externalUrl,
          version: undefined,
          logFile: undefined,
          stop,
          [Symbol.asyncDispose]: stop,
        }
      }
      case 'container': {
        const { startContainerSchemaRegistry } = await import(
          './container/start-container-schema-registry.js'
        )
        return await startContainerSchemaRegistry(resolved)
      }
      case 'local':
        return await startLocalSchemaRegistry(resolved)
    }
  } catch (error) {
    throw KafkakitError.is(error) ? withPassedOver(error, choice.passedOver) : error
  }
}
