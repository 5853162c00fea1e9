import type { AnyTopic } from '@kafkakit/core'
import avsc from 'avsc'
import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import { avroToZod } from './avro-to-zod.js'
import { disagreements, importGenerated, mutants } from './generated-module.test-helper.js'
import { NameScope } from './name-scope.js'
import { renderTopicModule } from './render-topic-module.js'

const line = {
  type: 'record',
  name: 'Line',
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'qty', type: 'int' },
  ],
}

/** Schemas covering every Avro construct codegen supports, with hand-picked valid and invalid values. */
const corpus: [string, unknown, { valid?: unknown[]; invalid?: unknown[] }][] = [
  ['int', 'int', { valid: [0, -1, 2 ** 31 - 1, -(2 ** 31)], invalid: [2 ** 31, 1.5, '1', null] }],
  [
    'long',
    'long',
    { valid: [2 ** 53 - 2, -(2 ** 53 - 2)], invalid: [2 ** 53 - 1, 2 ** 53, 0.5, Number.NaN] },
  ],
  ['float', 'float', { valid: [1.5, Number.NaN, Number.NEGATIVE_INFINITY, 1e300], invalid: ['1'] }],
  ['double', 'double', { valid: [Number.POSITIVE_INFINITY, -0], invalid: [null, 1n] }],
  ['string', 'string', { valid: [''], invalid: [Buffer.from('a')] }],
  ['bytes', 'bytes', { valid: [Buffer.alloc(0)], invalid: ['ab', new Uint8Array(2)] }],
  ['boolean', 'boolean', { valid: [false], invalid: [0] }],
  ['null', 'null', { valid: [null], invalid: [undefined, 0] }],
  [
    'record with every kind of field and defaults',
    {
      type: 'record',
      name: 'Order',
      namespace: 'com.acme',
      doc: 'An order',
      fields: [
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
        {
          name: 'price',
          type: { type: 'fixed', name: 'Price', size: 8, logicalType: 'decimal', precision: 12 },
        },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        {
          name: 'placedAt',
          type: { type: 'long', logicalType: 'timestamp-millis' },
          doc: 'ms since the epoch',
        },
        { name: 'placedAtMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] }, default: 'NEW' },
        { name: 'lines', type: { type: 'array', items: line } },
        { name: 'tags', type: { type: 'map', values: 'string' }, default: {} },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'first', type: ['null', 'Line'], default: null },
        { name: 'hash', type: { type: 'fixed', name: 'Md5', namespace: 'org.other', size: 16 } },
        { name: 'again', type: 'org.other.Md5' },
        { name: 'ratio', type: 'float', default: 0.5 },
        { name: 'blob', type: 'bytes', default: '\u00ff' },
      ],
    },
    {
      invalid: [{}, [], 'x'],
    },
  ],
  [
    'unwrapped union of a record, a map, an array and a string',
    ['null', line, { type: 'array', items: 'long' }, 'string'],
    { valid: [null, 'x', [1, 2], { sku: 'a', qty: 1 }], invalid: [1, [1.5], { sku: 'a' }] },
  ],
  [
    'wrapped (ambiguous) union',
    ['null', 'int', 'long', 'string', { type: 'enum', name: 'Color', symbols: ['RED'] }, line],
    {
      valid: [
        null,
        { int: 1 },
        { long: 2 ** 40 },
        { string: 'x' },
        { Color: 'RED' },
        { Line: { sku: 'a', qty: 1 } },
      ],
      invalid: [1, 'x', { int: 1, long: 1 }, { Color: 'BLUE' }, { double: 1 }, {}],
    },
  ],
  ['map of arrays of nullable ints', { type: 'map', values: { type: 'array', items: ['null', 'int'] } }, {}],
  [
    'nested namespaces and references by short and full name',
    {
      type: 'record',
      name: 'Outer',
      namespace: 'a.b',
      fields: [
        { name: 'inner', type: { type: 'record', name: 'Inner', fields: [{ name: 'x', type: 'int' }] } },
        { name: 'again', type: 'Inner' },
        { name: 'full', type: ['null', 'a.b.Inner'] },
        {
          name: 'other',
          type: { type: 'record', name: 'Inner', namespace: 'c', fields: [{ name: 'y', type: 'string' }] },
        },
      ],
    },
    {},
  ],
]

async function generated(name: string, schema: unknown): Promise<{ zod: z.ZodType; topic: AnyTopic }> {
  const topic = `equiv-${corpus.findIndex(([n]) => n === name)}`
  const module = await importGenerated(
    renderTopicModule(
      { name: topic, value: { avro: 'x.avsc', registry: false }, key: 'none', tombstones: false },
      {
        format: 'avro',
        document: schema,
        text: JSON.stringify(schema),
        origin: `${name}.avsc`,
        registry: false,
      },
      'none',
    ),
  )
  const { root } = avroToZod(schema, {
    scope: new NameScope(),
    rootName: `Equiv${topic.slice(6)}Value`,
    source: name,
  })
  return { zod: module[root] as z.ZodType, topic: module[`equiv${topic.slice(6)}Topic`] as AnyTopic }
}

const zodFor = async (name: string, schema: unknown) => (await generated(name, schema)).zod

describe('generated zod schemas accept exactly what avsc accepts', () => {
  test.each(corpus)('%s', async (name, schema, { valid = [], invalid = [] }) => {
    const type = avsc.Type.forSchema(schema as avsc.Schema)
    const { zod, topic } = await generated(name, schema)
    const random = Array.from({ length: 25 }, () => type.random())
    const samples = [...valid, ...invalid, ...random, ...random.slice(0, 5).flatMap((v) => [...mutants(v)])]
    for (const v of valid) expect(type.isValid(v), `avsc accepts ${String(v)}`).toBe(true)
    for (const v of invalid) expect(type.isValid(v), `avsc rejects ${String(v)}`).toBe(false)
    expect(
      disagreements(
        samples,
        (v) => zod.safeParse(v).success,
        (v) => type.isValid(v),
      ),
    ).toEqual([])
    // The corpus has both outcomes in number, so the comparison can fail.
    const accepted = samples.filter((v) => type.isValid(v)).length
    expect(accepted).toBeGreaterThanOrEqual(25)
    expect(samples.length - accepted).toBeGreaterThanOrEqual(invalid.length + 5)
    // The generated topic (avro() validated by the zod schema) encodes and decodes these values: decoded
    // values, which avsc builds as class instances, pass the zod schema too.
    const serde = await topic.value.bind({ topic: topic.name, role: 'value' })
    for (const value of random.slice(0, 10)) {
      expect(type.isValid(await serde.deserialize(serde.serialize(value)))).toBe(true)
    }
  })

  test('defaults: missing fields are filled in as avsc fills them (Buffers only as optional)', async () => {
    const schema = corpus.find(([name]) => name.startsWith('record'))![1]
    const zod = await zodFor('record with every kind of field and defaults', schema)
    const value = avsc.Type.forSchema(schema as avsc.Schema).random() as unknown as Record<string, unknown>
    const { status: _s, tags: _t, note: _n, ratio: _r, blob: _b, ...rest } = value
    expect(zod.parse(rest)).toMatchObject({ status: 'NEW', tags: {}, note: null, ratio: 0.5 })
    expect((zod.parse(rest) as Record<string, unknown>).blob).toBeUndefined()
  })

  test('a known difference: avsc also takes a Buffer as a map (it reads any object keys); the zod schema does not', async () => {
    const schema = { type: 'map', values: 'int' }
    const zod = await zodFor('map of arrays of nullable ints', {
      type: 'map',
      values: { type: 'array', items: ['null', 'int'] },
    })
    expect(avsc.Type.forSchema(schema as avsc.Schema).isValid(Buffer.from('a'))).toBe(true)
    expect(zod.safeParse(Buffer.from('a')).success).toBe(false)
  })
})

describe('what codegen refuses', () => {
  test('recursive types are a KAFKAKIT_UNSUPPORTED error naming the type', () => {
    const node = {
      type: 'record',
      name: 'Node',
      fields: [{ name: 'next', type: ['null', 'Node'] }],
    }
    expect(() => avroToZod(node, { scope: new NameScope(), rootName: 'X', source: 'node.avsc' })).toThrow(
      expect.objectContaining({
        code: 'KAFKAKIT_UNSUPPORTED',
        message: expect.stringContaining('Node refers to itself'),
      }),
    )
  })

  test('an invalid schema is a KAFKAKIT_CONFIG error naming the source', () => {
    expect(() =>
      avroToZod({ type: 'record', name: 'X' }, { scope: new NameScope(), rootName: 'X', source: 'x.avsc' }),
    ).toThrow(
      expect.objectContaining({
        code: 'KAFKAKIT_CONFIG',
        message: expect.stringContaining('x.avsc: invalid Avro schema'),
      }),
    )
  })
})
