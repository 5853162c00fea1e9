import type { HelperName } from './zod-helpers.js'

/** One named zod schema of a generated module, with its TypeScript type of the same name. */
export interface SchemaDeclaration {
  readonly name: string
  /** The zod expression. */
  readonly code: string
  /** A doc comment (without the comment markers). */
  readonly doc?: string
}

/** A schema turned into zod source: the named schemas it needs (dependencies first) and its root. */
export interface ConvertedSchema {
  readonly declarations: readonly SchemaDeclaration[]
  /** The name of the root declaration. */
  readonly root: string
  /** Helpers the code uses, emitted once per module. */
  readonly helpers: ReadonlySet<HelperName>
}
