import { resolve } from 'node:path'
import { ErrorCode, KafkakitError } from '@kafkakit/core'
import type { LoadedCodegenConfig } from './codegen-config.js'
import { type LoadedSchema, loadSchema } from './load-schema.js'
import { type LoadedKey, renderTopicModule } from './render-topic-module.js'

export interface GenerateOptions {
  /** The registry for subject sources; default: the config's. */
  readonly registryUrl?: string | undefined
}

/** The file name of a topic's module: the topic name with every character other than [A-Za-z0-9_-] as '-'. */
export function moduleFileName(topic: string): string {
  return `${topic.replace(/[^A-Za-z0-9_-]/g, '-')}.ts`
}

/**
 * Every module a config generates: absolute path -> content, sorted by path. Registry subjects are fetched
 * (latest version); nothing is written.
 */
export async function generateFiles(
  { config, baseDir }: LoadedCodegenConfig,
  options: GenerateOptions = {},
): Promise<Map<string, string>> {
  const load = { baseDir, registryUrl: options.registryUrl ?? config.registry?.url }
  const out = resolve(baseDir, config.out)
  const files = new Map<string, string>()
  for (const topic of [...config.topics].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const value: LoadedSchema = await loadSchema(topic.value, load)
    const key: LoadedKey = typeof topic.key === 'string' ? topic.key : await loadSchema(topic.key, load)
    const path = resolve(out, moduleFileName(topic.name))
    if (files.has(path)) {
      throw new KafkakitError(
        ErrorCode.CONFIG,
        `Topics ${topic.name} and another one would both be written to ${path}; rename one`,
      )
    }
    files.set(path, renderTopicModule(topic, value, key))
  }
  return files
}
