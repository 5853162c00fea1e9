export type { CliIo } from './cli-io.js'
export { avroToZod } from './codegen/avro-to-zod.js'
export {
  type CodegenConfig,
  type LoadedCodegenConfig,
  loadCodegenConfig,
} from './codegen/codegen-config.js'
export { type GenerateOptions, generateFiles } from './codegen/generate-files.js'
export { jsonSchemaToZod, supportedJsonSchemaKeywords } from './codegen/json-schema-to-zod.js'
export { NameScope } from './codegen/name-scope.js'
export { runCli } from './run-cli.js'
