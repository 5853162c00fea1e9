import { registryError } from './registry-error.js'
import type { RegisteredSchema, RegistrySchemaType, SchemaRegistry } from './schema-registry.js'

/** Our SchemaRegistry interface over maps, for unit tests of the serdes; integration tests use Apicurio. */
export function inMemoryRegistry(): SchemaRegistry & {
  register(subject: string, type: RegistrySchemaType, schema: string): number
  subjects: Map<string, number[]>
} {
  const byId = new Map<number, RegisteredSchema>()
  const subjects = new Map<string, number[]>()
  let next = 100
  const register = (subject: string, type: RegistrySchemaType, schema: string) => {
    const existing = [...byId.values()].find((s) => s.type === type && s.schema === schema)
    const id = existing?.id ?? next++
    byId.set(id, { id, type, schema })
    subjects.set(subject, [...(subjects.get(subject) ?? []), id])
    return id
  }
  return {
    url: 'memory://registry',
    subjects,
    register,
    async idFor(subject, schema, { autoRegister }) {
      const found = (subjects.get(subject) ?? []).find((id) => byId.get(id)?.schema === schema.schema)
      if (found !== undefined) return found
      if (autoRegister) return register(subject, schema.type, schema.schema)
      throw registryError(
        { status: 404, message: 'Subject not found' },
        `look up the schema under subject ${subject}`,
        'memory://registry',
        'register it first, or set autoRegister: true',
      )
    },
    async schemaById(id) {
      const schema = byId.get(id)
      if (!schema)
        throw registryError(
          { status: 404, message: 'Schema not found' },
          `fetch schema id ${id}`,
          'memory://registry',
        )
      return schema
    },
  }
}
