import { expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import type { Serde } from '../serde/serde.js'
import { defineTopic, type ValueInput, type ValueOutput } from '../topic/define-topic.js'
import { type RegistryAvroOptions, registryAvro } from './registry-avro-serde.js'
import { type RegistryJsonOptions, registryJson } from './registry-json-serde.js'
import {
  createSchemaRegistry,
  type RegisteredSchema,
  type SchemaRegistry,
  type SchemaRegistryOptions,
} from './schema-registry.js'
import type { SubjectStrategy } from './subject-name.js'

interface Order {
  order_id: number
}
const orderSchema = { type: 'record', name: 'Order', fields: [{ name: 'order_id', type: 'int' }] }

test('createSchemaRegistry: a URL, optional basic auth, retries and client id', () => {
  const registry = createSchemaRegistry({
    url: 'http://127.0.0.1:8081',
    auth: { username: 'u', password: 'p' },
    retries: 2,
    clientId: 'svc',
  })
  expectTypeOf(registry).toEqualTypeOf<SchemaRegistry>()
  expectTypeOf(registry.url).toBeString()
  expectTypeOf(registry.schemaById).returns.toEqualTypeOf<Promise<RegisteredSchema>>()
  expectTypeOf(registry.idFor).returns.toEqualTypeOf<Promise<number>>()
  expectTypeOf<RegisteredSchema['type']>().toEqualTypeOf<'AVRO' | 'JSON' | 'PROTOBUF'>()
  expectTypeOf<SchemaRegistryOptions['retries']>().toEqualTypeOf<number | undefined>()
  createSchemaRegistry({ url: 'http://r' })
  // @ts-expect-error the URL is required
  createSchemaRegistry({})
  // @ts-expect-error unknown option
  createSchemaRegistry({ url: 'http://r', timeoutMs: 1 })
  // @ts-expect-error auth needs a password
  createSchemaRegistry({ url: 'http://r', auth: { username: 'u' } })
})

test('registryAvro: typed by its type argument or by validate; subject strategy and auto-registration', () => {
  expectTypeOf(registryAvro<Order>(orderSchema)).toEqualTypeOf<Serde<Order>>()
  expectTypeOf(registryAvro(orderSchema)).toEqualTypeOf<Serde<unknown>>()
  const Checked = z.object({ order_id: z.number().int().positive() })
  const validated = registryAvro(orderSchema, {
    validate: Checked,
    subjectStrategy: 'record',
    autoRegister: true,
  })
  expectTypeOf(validated).toEqualTypeOf<Serde<z.input<typeof Checked>, z.output<typeof Checked>>>()
  expectTypeOf<RegistryAvroOptions['subjectStrategy']>().toEqualTypeOf<SubjectStrategy | undefined>()
  expectTypeOf<SubjectStrategy>().toEqualTypeOf<'topic' | 'record' | 'topic-record'>()
  // @ts-expect-error not a subject strategy
  registryAvro(orderSchema, { subjectStrategy: 'namespace' })
  // @ts-expect-error autoRegister is a boolean
  registryAvro(orderSchema, { autoRegister: 'yes' })
})

test('registryJson: typed by the zod schema it validates with; the JSON Schema may be given', () => {
  const Payment = z.object({ id: z.string(), amount: z.number().default(0) })
  const serde = registryJson(Payment, { subjectStrategy: 'topic-record', autoRegister: true })
  expectTypeOf(serde).toEqualTypeOf<Serde<z.input<typeof Payment>, z.output<typeof Payment>>>()
  registryJson(Payment, { jsonSchema: { type: 'object', title: 'Payment' } })
  expectTypeOf<RegistryJsonOptions['jsonSchema']>().toEqualTypeOf<Record<string, unknown> | undefined>()
  const topic = defineTopic({ name: 'payments', value: serde, tombstones: true })
  expectTypeOf<ValueInput<typeof topic>>().toEqualTypeOf<{ id: string; amount?: number | undefined } | null>()
  expectTypeOf<ValueOutput<typeof topic>>().toEqualTypeOf<{ id: string; amount: number } | null>()
  // @ts-expect-error registryJson validates with a Standard Schema: a JSON Schema alone goes in jsonSchema
  registryJson({ type: 'object' })
  // @ts-expect-error jsonSchema is an object
  registryJson(Payment, { jsonSchema: '{"type":"object"}' })
})
