import { ErrorCode, KafkakitError, type RegisteredSchema, type RegistrySchemaType } from '@kafkakit/core'

export interface LatestSchema extends RegisteredSchema {
  readonly subject: string
  readonly version: number
}

/**
 * The latest version of a subject, from a Confluent-compatible registry's REST API
 * (`GET /subjects/{subject}/versions/latest`).
 */
export async function fetchLatestSchema(url: string, subject: string): Promise<LatestSchema> {
  const base = url.replace(/\/+$/, '')
  const address = `${base}/subjects/${encodeURIComponent(subject)}/versions/latest`
  let response: Response
  try {
    response = await fetch(address, {
      headers: { accept: 'application/vnd.schemaregistry.v1+json, application/json' },
      signal: AbortSignal.timeout(15_000),
    })
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.REGISTRY_UNAVAILABLE,
      `Cannot reach the schema registry at ${base} to fetch subject ${subject}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`,
      { cause: error, retriable: true },
    )
  }
  if (response.status === 404) {
    throw new KafkakitError(
      ErrorCode.SCHEMA_NOT_FOUND,
      `The schema registry at ${base} has no subject ${subject}; register a schema under it first`,
      { details: { subject } },
    )
  }
  if (!response.ok) {
    throw new KafkakitError(
      ErrorCode.SCHEMA_REGISTRY,
      `The schema registry at ${base} answered ${response.status} for subject ${subject}`,
      { details: { subject, status: response.status }, retriable: response.status >= 500 },
    )
  }
  const body = (await response.json()) as { id: number; version: number; schema: string; schemaType?: string }
  return {
    subject,
    id: body.id,
    version: body.version,
    type: (body.schemaType ?? 'AVRO').toUpperCase() as RegistrySchemaType,
    schema: body.schema,
  }
}
