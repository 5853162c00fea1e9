import { ErrorCode, KafkakitError } from '@kafkakit/core'
import { waitFor } from './wait-for.js'

const contentType = 'application/vnd.schemaregistry.v1+json'

export interface WaitForSchemaRegistryOptions {
  readonly timeoutMs: number
  readonly signal?: AbortSignal | undefined
  /** Checked between attempts; a returned error ends the wait at once (e.g. the process exited). */
  readonly failFast?: () => Error | undefined
}

/** Waits until the Confluent-compatible API at `url` answers `GET /subjects` with a JSON array. */
export async function waitForSchemaRegistry(
  url: string,
  options: WaitForSchemaRegistryOptions,
): Promise<void> {
  let fatal: Error | undefined
  await waitFor(
    async () => {
      fatal = options.failFast?.()
      if (fatal) throw fatal
      const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(5000) })
      return response.ok && Array.isArray(await response.json())
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 250,
      description: `the schema registry API at ${url}`,
      isFatal: (error) => error === fatal,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  )
}

/** Sets the registry-wide compatibility level through the Confluent-compatible API (`PUT /config`). */
export async function setCompatibility(url: string, compatibility: string): Promise<void> {
  const response = await fetch(`${url}/config`, {
    method: 'PUT',
    headers: { 'content-type': contentType, accept: contentType },
    body: JSON.stringify({ compatibility }),
  })
  if (!response.ok) {
    throw new KafkakitError(
      ErrorCode.START_FAILED,
      `The schema registry at ${url} refused the compatibility level ${compatibility}: HTTP ${response.status} ${await response.text()}`,
    )
  }
}
