import { readFile } from 'node:fs/promises'
import { relative, resolve, sep } from 'node:path'
import { ErrorCode, KafkakitError } from '@kafkakit/core'
import type { SchemaSource } from './codegen-config.js'
import { fetchLatestSchema } from './fetch-latest-schema.js'

/** A schema read from a file or a registry subject. */
export interface LoadedSchema {
  readonly format: 'avro' | 'json'
  /** The parsed schema. */
  readonly document: unknown
  /** The schema text as read (what a registry stores for a subject). */
  readonly text: string
  /** Where it came from: a path relative to the config, or `subject <name>`. */
  readonly origin: string
  /** Confluent framing through the schema registry. */
  readonly registry: boolean
  /** The subject, for registry sources. */
  readonly subject?: string
}

export interface LoadSchemaOptions {
  readonly baseDir: string
  readonly registryUrl: string | undefined
}

export async function loadSchema(source: SchemaSource, options: LoadSchemaOptions): Promise<LoadedSchema> {
  if ('subject' in source) {
    if (!options.registryUrl) {
      throw new KafkakitError(
        ErrorCode.CONFIG,
        `Subject ${source.subject} needs a schema registry: set "registry": { "url": ... } in the config, pass --registry, or set SCHEMA_REGISTRY_URL`,
      )
    }
    const latest = await fetchLatestSchema(options.registryUrl, source.subject)
    if (latest.type === 'PROTOBUF') {
      throw new KafkakitError(
        ErrorCode.UNSUPPORTED,
        `Subject ${source.subject} holds a Protobuf schema; codegen reads Avro and JSON Schema`,
      )
    }
    return {
      format: latest.type === 'AVRO' ? 'avro' : 'json',
      document: parse(latest.schema, `subject ${source.subject}`),
      text: latest.schema,
      origin: `subject ${source.subject}`,
      registry: true,
      subject: source.subject,
    }
  }
  const [format, file] =
    'avro' in source ? (['avro', source.avro] as const) : (['json', source.jsonSchema] as const)
  const path = resolve(options.baseDir, file)
  const origin = relative(options.baseDir, path).split(sep).join('/')
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `Cannot read the schema file ${origin} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { cause: error },
    )
  }
  return { format, document: parse(text, origin), text, origin, registry: source.registry }
}

function parse(text: string, origin: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new KafkakitError(ErrorCode.CONFIG, `${origin} is not valid JSON: ${(error as Error).message}`)
  }
}
