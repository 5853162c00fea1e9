import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { loadCodegenConfig } from '../codegen/codegen-config.js'
import { generateFiles } from '../codegen/generate-files.js'
import { GENERATED_MARKER } from '../codegen/render-topic-module.js'
import { type Command, println, stringOption } from '../command.js'

export const codegenCommand: Command = {
  path: ['codegen'],
  positionals: [],
  summary:
    'Generates TypeScript modules (zod schemas, types, defineTopic) from Avro, JSON Schema or registry subjects.',
  description: [
    'Generates a TypeScript module per topic of the config (zod schemas, their types and the defineTopic',
    'declaration) from Avro .avsc files, JSON Schema files or registry subjects. Output is deterministic;',
    'generated files of the output folder that no topic produces any more are deleted. With --check,',
    'nothing is written and the exit code is 1 when a generated file is stale, missing or left over.',
  ].join('\n'),
  options: {
    config: {
      type: 'string',
      short: 'c',
      value: 'FILE',
      description: 'the config file (default: kafkakit.config.json)',
    },
    check: { type: 'boolean', description: 'exit 1 if the generated files are not up to date (for CI)' },
    registry: {
      type: 'string',
      value: 'URL',
      description:
        "schema registry for subject sources (default: the config's registry.url, else SCHEMA_REGISTRY_URL)",
    },
  },
  examples: ['kafkakit codegen', 'kafkakit codegen --check'],
  async run({ values }, io) {
    const configPath = resolve(stringOption(values, 'config') ?? 'kafkakit.config.json')
    const loaded = await loadCodegenConfig(configPath)
    const files = await generateFiles(loaded, {
      registryUrl:
        stringOption(values, 'registry') ?? loaded.config.registry?.url ?? io.env.SCHEMA_REGISTRY_URL,
    })
    const out = resolve(loaded.baseDir, loaded.config.out)
    const leftOver = (await generatedFilesIn(out)).filter((file) => !files.has(file))
    const stale: string[] = []
    for (const [file, content] of files) {
      const current = await readFile(file, 'utf8').catch(() => undefined)
      if (current !== content) stale.push(file)
    }
    const show = (file: string) => relative(process.cwd(), file) || file
    if (values.check) {
      const problems = [...stale.map(show), ...leftOver.map((file) => `${show(file)} (left over)`)]
      if (problems.length > 0) {
        println(
          io.stderr,
          `kafkakit: generated files are out of date: ${problems.join(', ')}; run kafkakit codegen`,
        )
        return 1
      }
      println(io.stderr, `${files.size} generated file${files.size === 1 ? ' is' : 's are'} up to date`)
      return 0
    }
    for (const file of stale) {
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, files.get(file)!)
    }
    for (const file of leftOver) await rm(file)
    println(
      io.stderr,
      `generated ${files.size} file${files.size === 1 ? '' : 's'} in ${show(out)} (${stale.length} written, ${leftOver.length} deleted)`,
    )
    return 0
  },
}

/** The .ts files of `dir` that codegen wrote (they start with its marker). */
async function generatedFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const found: string[] = []
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
    const file = join(dir, entry.name)
    if ((await readFile(file, 'utf8')).startsWith(`// ${GENERATED_MARKER}`)) found.push(file)
  }
  return found.sort()
}
