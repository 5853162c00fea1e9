import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  type AnyTopic,
  defineTopic,
  ErrorCode,
  KafkakitError,
  registryAvro,
  registryJson,
  string,
} from '@kafkakit/core'
import { z } from 'zod'
import { fetchLatestSchema } from './codegen/fetch-latest-schema.js'
import { type CommandArgs, type OptionSpec, type OptionValues, stringOption } from './command.js'
import { UsageError } from './usage-error.js'

export const topicModuleOptions: { readonly [name: string]: OptionSpec } = {
  'topic-module': {
    type: 'string',
    value: 'FILE',
    description:
      'a JavaScript module exporting the defineTopic() topic (e.g. from kafkakit codegen, compiled)',
  },
  export: {
    type: 'string',
    value: 'NAME',
    description: 'the export of --topic-module to use (default: the one topic exported for <topic>)',
  },
}

const isTopic = (value: unknown): value is AnyTopic =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AnyTopic).name === 'string' &&
  typeof (value as AnyTopic).value?.bind === 'function' &&
  'headers' in value &&
  'tombstones' in value

/** The topic declared in a module: `--export`, or the only exported topic named `name`. */
export async function loadTopicModule(
  file: string,
  exportName: string | undefined,
  name: string,
): Promise<AnyTopic> {
  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>
  } catch (error) {
    throw new KafkakitError(
      ErrorCode.CONFIG,
      `Cannot import the topic module ${file}: ${(error as Error).message.split('\n')[0]}${file.endsWith('.ts') ? ' (compile it to JavaScript first, or run kafkakit with a TypeScript loader: NODE_OPTIONS="--import tsx")' : ''}`,
      { cause: error },
    )
  }
  if (exportName !== undefined) {
    const topic = module[exportName]
    if (!isTopic(topic)) throw new UsageError(`${file} exports no topic named ${exportName}`)
    if (topic.name !== name)
      throw new UsageError(`${file}'s ${exportName} is topic ${topic.name}, not ${name}`)
    return topic
  }
  const found = Object.entries(module).filter(([, value]) => isTopic(value) && value.name === name)
  if (found.length !== 1) {
    throw new UsageError(
      `${file} exports ${found.length === 0 ? 'no' : found.length} topics named ${name}; pass --export NAME`,
    )
  }
  return found[0]![1] as AnyTopic
}

/**
 * A topic whose serdes are the latest schemas of its registry subjects (TopicNameStrategy): the value's
 * `<topic>-value`, and the key's `<topic>-key` when that subject exists (else string keys when `keyed`,
 * else none). Avro is
 * validated by avsc; JSON Schema values are framed with the registered schema's id but not validated here.
 */
export async function registryTopic(url: string, name: string, keyed: boolean): Promise<AnyTopic> {
  const serde = async (role: 'key' | 'value') => {
    const latest = await fetchLatestSchema(url, `${name}-${role}`).catch((error: unknown) => {
      if (role === 'key' && KafkakitError.is(error, ErrorCode.SCHEMA_NOT_FOUND)) return undefined
      throw error
    })
    if (!latest) return keyed ? string() : undefined
    if (latest.type === 'AVRO') return registryAvro(latest.schema)
    if (latest.type === 'JSON') return registryJson(z.json(), { jsonSchema: JSON.parse(latest.schema) })
    throw new KafkakitError(
      ErrorCode.UNSUPPORTED,
      `Subject ${name}-${role} holds a ${latest.type} schema; kafkakit reads Avro and JSON Schema`,
    )
  }
  const [key, value] = await Promise.all([serde('key'), serde('value')])
  return defineTopic({ name, key, value: value! })
}

/** The schema-aware topic the options ask for (--topic-module or --registry), if any. */
export async function schemaTopic(
  { values }: CommandArgs,
  name: string,
  keyed: boolean,
): Promise<AnyTopic | undefined> {
  checkSchemaOptions(values)
  const file = stringOption(values, 'topic-module')
  const registry = stringOption(values, 'registry')
  if (file) return loadTopicModule(file, stringOption(values, 'export'), name)
  if (registry) return registryTopic(registry, name, keyed)
  return undefined
}

/** --topic-module, --export and --registry fit together (UsageError if not). */
export function checkSchemaOptions(values: OptionValues): void {
  const file = stringOption(values, 'topic-module')
  if (file && stringOption(values, 'registry'))
    throw new UsageError('pass --topic-module or --registry, not both')
  if (stringOption(values, 'export') !== undefined && !file)
    throw new UsageError('--export needs --topic-module')
}
