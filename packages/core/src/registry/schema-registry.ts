import { SchemaRegistry as ConfluentSchemaRegistry } from '@kafkajs/confluent-schema-registry'
import type { SchemaRegistryAPIClient } from '@kafkajs/confluent-schema-registry/dist/api/index.js'
import { z } from 'zod'
import { parseOptions } from '../options/parse-options.js'

import { registryError } from './registry-error.js'

export type RegistrySchemaType = 'AVRO' | 'JSON' | 'PROTOBUF'

export interface RegisteredSchema {
  readonly id: number
  readonly type: RegistrySchemaType
  /** The schema text as the registry stores it. */
  readonly schema: string
}

/** The one definition of the registry options (the client's `schemaRegistry` option is this, less clientId). */
export const schemaRegistryOptionsSchema = z.strictObject({
  /** Base URL of a Confluent-compatible API, e.g. `http://registry:8081` or Apicurio's `.../apis/ccompat/v7`. */
  url: z.url({ protocol: /^https?$/ }),
  /** Basic authentication. */
  auth: z.strictObject({ username: z.string().min(1), password: z.string() }).optional(),
  /** Retries of a failed request (5xx, network) before it rejects. Default 3. */
  retries: z.number().int().min(0).max(20).default(3),
  /** Client id sent to the registry. */
  clientId: z.string().min(1).default('kafkakit'),
})

export type SchemaRegistryOptions = z.input<typeof schemaRegistryOptionsSchema>

/** The registry calls kafkakit's serdes make; every answer is cached, so the hot path never waits on HTTP. */
export interface SchemaRegistry {
  readonly url: string
  /**
   * The id of `schema` under `subject`: registered first when `autoRegister` is set, else looked up
   * (KAFKAKIT_SCHEMA_NOT_FOUND when the subject does not have it).
   */
  idFor(
    subject: string,
    schema: { readonly type: RegistrySchemaType; readonly schema: string },
    options: { readonly autoRegister: boolean },
  ): Promise<number>
  /** The schema with this id (KAFKAKIT_SCHEMA_NOT_FOUND when there is none). */
  schemaById(id: number): Promise<RegisteredSchema>
}

/**
 * A caching client for a Confluent-compatible schema registry, built on @kafkajs/confluent-schema-registry's
 * HTTP client (its retries and authentication). Failed lookups are not cached, so a registry that comes
 * back is used again.
 */
export function createSchemaRegistry(options: SchemaRegistryOptions): SchemaRegistry {
  const resolved = parseOptions(schemaRegistryOptionsSchema, options, 'schema registry options')
  const url = resolved.url.replace(/\/+$/, '')
  // The library's HTTP client (authentication, retries, error mapping) without its register(), which
  // also rewrites the subject's compatibility level, and its decode(), which rebuilds readers per call.
  // `api` is private only in the type declarations of 3.9.x, which is pinned.
  const { api } = new ConfluentSchemaRegistry({
    host: url,
    clientId: resolved.clientId,
    retry: { retries: resolved.retries },
    ...(resolved.auth ? { auth: resolved.auth } : {}),
  }) as unknown as { api: SchemaRegistryAPIClient }
  const ids = new Map<string, Promise<number>>()
  const schemas = new Map<number, Promise<RegisteredSchema>>()

  function cached<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
    let entry = cache.get(key)
    if (!entry) {
      entry = load()
      cache.set(key, entry)
      entry.catch(() => cache.delete(key))
    }
    return entry
  }

  return {
    url,
    idFor: (subject, schema, { autoRegister }) =>
      cached(
        ids,
        `${autoRegister ? 'register' : 'lookup'}\0${subject}\0${schema.type}\0${schema.schema}`,
        async () => {
          const body = { schemaType: schema.type === 'AVRO' ? undefined : schema.type, schema: schema.schema }
          const operation = autoRegister
            ? `register a schema under subject ${subject}`
            : `look up the schema under subject ${subject}`
          try {
            const response = await (autoRegister
              ? api.Subject.register({ subject, body })
              : api.Subject.registered({ subject, body }))
            return (response.data() as { id: number }).id
          } catch (error) {
            throw registryError(
              error,
              operation,
              url,
              autoRegister ? undefined : 'register it first, or set autoRegister: true',
            )
          }
        },
      ),
    schemaById: (id) =>
      cached(schemas, id, async () => {
        try {
          const response = await api.Schema.find({ id })
          const data = response.data() as { schema: string; schemaType?: string }
          return {
            id,
            type: (data.schemaType ?? 'AVRO').toUpperCase() as RegistrySchemaType,
            schema: data.schema,
          }
        } catch (error) {
          throw registryError(error, `fetch schema id ${id}`, url)
        }
      }),
  }
}
