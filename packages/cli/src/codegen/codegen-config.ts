import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { checkTopicName, ErrorCode, KafkakitError } from '@kafkakit/core'
import { parseOptions } from '@kafkakit/core/internal'
import { z } from 'zod'

const sourceMessage = 'expected { "avro": file }, { "jsonSchema": file } or { "subject": name }'

const schemaSource = z.union(
  [
    /** An Avro schema file (.avsc). `registry: true`: Confluent framing through the schema registry. */
    z.strictObject({ avro: z.string().min(1), registry: z.boolean().default(false) }),
    /** A JSON Schema file. `registry: true`: Confluent framing through the schema registry. */
    z.strictObject({ jsonSchema: z.string().min(1), registry: z.boolean().default(false) }),
    /** The latest schema of a registry subject (Avro or JSON Schema); always Confluent framing. */
    z.strictObject({ subject: z.string().min(1) }),
  ],
  { error: sourceMessage },
)

const codegenConfigSchema = z
  .strictObject({
    /** Where the modules are written, relative to the config file. */
    out: z.string().min(1),
    /** The schema registry for `subject` sources (else --registry or SCHEMA_REGISTRY_URL). */
    registry: z.strictObject({ url: z.url({ protocol: /^https?$/ }) }).optional(),
    topics: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          value: schemaSource,
          /** Default "string". */
          key: z
            .union([z.enum(['string', 'bytes', 'none']), schemaSource], {
              error: `expected "string", "bytes", "none", or ${sourceMessage}`,
            })
            .default('string'),
          /** Allow null values (tombstones). */
          tombstones: z.boolean().default(false),
        }),
      )
      .min(1, 'expected at least one topic'),
  })
  .superRefine((config, context) => {
    const seen = new Set<string>()
    config.topics.forEach((topic, i) => {
      if (seen.has(topic.name)) {
        context.addIssue({
          code: 'custom',
          path: ['topics', i, 'name'],
          message: `topic ${topic.name} is listed twice`,
        })
      }
      seen.add(topic.name)
    })
  })

export type CodegenConfig = z.output<typeof codegenConfigSchema>
export type TopicConfig = CodegenConfig['topics'][number]
export type SchemaSource = z.output<typeof schemaSource>

export interface LoadedCodegenConfig {
  readonly config: CodegenConfig
  /** The config file's directory: paths in it are relative to it. */
  readonly baseDir: string
}

/** Reads and validates a codegen config file; problems are KAFKAKIT_CONFIG errors naming the file and field. */
export async function loadCodegenConfig(path: string): Promise<LoadedCodegenConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `Cannot read the codegen config ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); create it or pass --config`,
      { cause: error },
    )
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `The codegen config ${path} is not valid JSON: ${(error as Error).message}`,
    )
  }
  const config = parseOptions(codegenConfigSchema, data, `codegen config ${path}`)
  config.topics.forEach((topic, i) => {
    try {
      checkTopicName(topic.name)
    } catch (error) {
      throw new KafkakitError(
        ErrorCode.CONFIG,
        `Invalid codegen config ${path}: topics.${i}.name: ${(error as Error).message}`,
      )
    }
  })
  return { config, baseDir: dirname(resolve(path)) }
}
