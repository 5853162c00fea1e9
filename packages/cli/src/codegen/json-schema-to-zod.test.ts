import type { AnyTopic } from '@kafkakit/core'
import Ajv from 'ajv'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, test } from 'vitest'
import type { z } from 'zod'
import { disagreements, importGenerated, mutants } from './generated-module.test-helper.js'
import { jsonSchemaToZod } from './json-schema-to-zod.js'
import { NameScope } from './name-scope.js'
import { renderTopicModule } from './render-topic-module.js'

const draft7 = addFormats.default(new Ajv.default({ strict: false }))
const draft2020 = addFormats.default(new Ajv2020.default({ strict: false }))

const strings = ['', 'a', 'abc', '😀😀', 'x'.repeat(11), 'ab1', 'A-12']
const numbers = [0, -1, 1, 2.5, 0.3, 0.1, 10, 100, 1e21, -0.5, 3]

/** Schemas over every supported keyword, with values that probe each keyword's edges. */
const corpus: [string, Record<string, unknown>, unknown[]][] = [
  ['string lengths count characters', { type: 'string', minLength: 2, maxLength: 3 }, strings],
  ['pattern (unanchored, unicode)', { type: 'string', pattern: '\\d$' }, strings],
  [
    'uuid and email formats',
    {
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' }, mail: { type: 'string', format: 'email' } },
    },
    [
      { id: '123e4567-e89b-12d3-a456-426614174000' },
      { id: 'urn:uuid:123E4567-E89B-12D3-A456-426614174000' },
      { id: '123e4567e89b12d3a456426614174000' },
      { mail: 'a.b+c@example.org' },
      { mail: 'a@b' },
      { mail: 'a..b@example.org' },
      { mail: 'a@example.org.' },
    ],
  ],
  [
    'date, time and date-time formats',
    {
      type: 'object',
      properties: {
        date: { type: 'string', format: 'date' },
        time: { type: 'string', format: 'time' },
        at: { type: 'string', format: 'date-time' },
      },
    },
    [
      ...[
        '2024-02-29',
        '2023-02-29',
        '2023-04-31',
        '2023-12-31',
        '2023-13-01',
        '0000-02-29',
        '2023-1-01',
      ].map((date) => ({ date })),
      ...[
        '12:00:00Z',
        '12:00:00',
        '23:59:60Z',
        '22:59:60-01:00',
        '12:00:60Z',
        '24:00:00Z',
        '12:00:00.123+0130',
        '12:00:00+24:00',
      ].map((time) => ({ time })),
      ...[
        '2024-01-01T12:00:00Z',
        '2024-01-01t12:00:00z',
        '2024-01-01 12:00:00+01:00',
        '2024-01-01T12:00:00',
        '2024-01-01T12:00:00ZT',
        '2016-12-31T23:59:60Z',
        '2024-02-30T12:00:00Z',
      ].map((at) => ({ at })),
    ],
  ],
  ['number bounds', { type: 'number', minimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 }, numbers],
  ['multipleOf as ajv computes it', { type: 'number', multipleOf: 0.1 }, numbers],
  ['integer', { type: 'integer', exclusiveMinimum: -1, maximum: 100 }, numbers],
  ['enum of mixed values', { enum: ['a', 1, null, true] }, ['a', 'b', 1, 2, null, true, false, '1']],
  ['enum with a type', { type: 'string', enum: ['a', 1] }, ['a', 1, 'b']],
  ['const', { const: 'fixed' }, ['fixed', 'other', null]],
  ['nullable type array', { type: ['string', 'null'], minLength: 1 }, ['', 'a', null, 1]],
  ['several types', { type: ['integer', 'boolean', 'array'], maxItems: 1 }, [1, 1.5, true, [], [1, 2], 'x']],
  ['no constraints', {}, [null, 1, 'x', [], {}, { a: [1] }]],
  [
    'object: properties, required, additionalProperties false',
    {
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      properties: {
        id: { type: 'integer' },
        name: { type: 'string', description: 'shown as a doc comment' },
        'odd key': { type: 'boolean' },
      },
    },
    [
      { id: 1, extra: 'any' },
      { id: 1 },
      { id: 1, extra: null, name: 'n', 'odd key': true },
      { id: 1, extra: 1, more: 1 },
    ],
  ],
  [
    'object: additionalProperties as a schema',
    { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'number' } },
    [{ a: 'x', b: 1 }, { a: 'x', b: 'y' }, { a: 1 }, {}],
  ],
  [
    'required properties without a schema of their own',
    {
      type: 'object',
      required: ['a', 'b'],
      properties: { a: { type: 'string' } },
      additionalProperties: { type: 'number' },
    },
    [{ a: 'x', b: 1 }, { a: 'x', b: 'y' }, { a: 'x' }, { b: 1 }],
  ],
  [
    'arrays',
    {
      type: 'array',
      items: { type: 'object', properties: { n: { type: 'number' } } },
      minItems: 1,
      maxItems: 2,
    },
    [[], [{}], [{ n: 1 }, { n: 'x' }], [{}, {}, {}], [1]],
  ],
  [
    'anyOf, oneOf and allOf',
    {
      type: 'object',
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { type: 'object', properties: { b: { type: 'number' } } },
      ],
      anyOf: [
        { type: 'object', required: ['a'], properties: { a: { const: 'x' } } },
        { type: 'object', required: ['b'] },
      ],
      oneOf: [
        { type: 'object', properties: { c: { type: 'integer' } }, required: ['c'] },
        { type: 'object', properties: { c: { type: 'number', minimum: 10 } }, required: ['c'] },
      ],
    },
    [
      { a: 'x', c: 1 },
      { a: 'x', c: 11 },
      { a: 'x', c: 10.5 },
      { a: 'y', b: 1, c: 1 },
      { a: 'y', c: 1 },
      { b: 1, c: 1 },
      { a: 'x', b: 'n', c: 1 },
    ],
  ],
  [
    '$ref to definitions (draft-07)',
    {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Order',
      type: 'object',
      required: ['billing'],
      properties: {
        billing: { $ref: '#/definitions/address' },
        shipping: { $ref: '#/definitions/address' },
        lines: { type: 'array', items: { $ref: '#/definitions/line' } },
      },
      definitions: {
        address: { type: ['object', 'null'], properties: { city: { type: 'string' } }, required: ['city'] },
        line: {
          type: 'object',
          properties: { sku: { type: 'string' }, address: { $ref: '#/definitions/address' } },
        },
      },
    },
    [
      { billing: null },
      { billing: { city: 'x' }, shipping: { city: 1 } },
      { billing: { city: 'x' }, lines: [{ sku: 'a', address: null }, { address: {} }] },
      {},
    ],
  ],
  [
    '$ref to $defs (2020-12)',
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      items: { $ref: '#/$defs/item' },
      $defs: { item: { type: 'string', format: 'date' } },
    },
    [[], ['2024-01-01'], ['2024-01-32'], [1]],
  ],
]

async function generated(
  index: number,
  schema: Record<string, unknown>,
): Promise<{ zod: z.ZodType; topic: AnyTopic }> {
  const topic = `json-${index}`
  const module = await importGenerated(
    renderTopicModule(
      { name: topic, value: { jsonSchema: 'x.json', registry: false }, key: 'none', tombstones: false },
      {
        format: 'json',
        document: schema,
        text: JSON.stringify(schema),
        origin: `${topic}.json`,
        registry: false,
      },
      'none',
    ),
  )
  const { root } = jsonSchemaToZod(schema, {
    scope: new NameScope(),
    rootName: `Json${index}Value`,
    source: topic,
  })
  return { zod: module[root] as z.ZodType, topic: module[`json${index}Topic`] as AnyTopic }
}

describe('generated zod schemas accept exactly what ajv (with ajv-formats) accepts', () => {
  test.each(corpus.map((entry, i) => [...entry, i] as const))('%s', async (_name, schema, values, index) => {
    const validate = (String(schema.$schema).includes('2020') ? draft2020 : draft7).compile(schema)
    const { zod, topic } = await generated(index, schema)
    const samples = [...values, ...values.flatMap((v) => [...mutants(v, 2, true)])]
    expect(
      disagreements(
        samples,
        (v) => zod.safeParse(v).success,
        (v) => validate(v),
      ),
    ).toEqual([])
    const accepted = samples.filter((v) => validate(v)).length
    expect(accepted).toBeGreaterThan(0)
    if (Object.keys(schema).length > 0) expect(accepted).toBeLessThan(samples.length)
    // The generated topic's json() serde takes what ajv takes, and refuses the rest before encoding.
    const serde = await topic.value.bind({ topic: topic.name, role: 'value' })
    for (const value of values) {
      if (validate(value)) expect(await serde.deserialize(serde.serialize(value))).toEqual(value)
      else
        expect(() => serde.serialize(value)).toThrow(expect.objectContaining({ code: 'KAFKAKIT_VALIDATION' }))
    }
  })
})

describe('what codegen refuses, naming the keyword and the place', () => {
  const convert = (schema: unknown) => () =>
    jsonSchemaToZod(schema, { scope: new NameScope(), rootName: 'X', source: 'x.json' })
  test.each([
    [{ type: 'object', patternProperties: { '^a': {} } }, 'the keyword "patternProperties" is not supported'],
    [{ type: 'string', format: 'hostname' }, 'the format "hostname" is not supported'],
    [{ type: 'array', items: [{ type: 'string' }] }, 'tuple items'],
    [{ if: { type: 'string' }, else: { type: 'number' } }, 'the keyword "if" is not supported'],
    [{ minLength: 1 }, 'without a "type"'],
    [{ $ref: 'other.json#/x' }, 'only $refs within the file'],
    [
      { $ref: '#/definitions/a', definitions: { a: { type: 'array', items: { $ref: '#/definitions/a' } } } },
      'recursive',
    ],
    [{ type: 'object', properties: { a: { enum: [{ x: 1 }] } } }, 'x.json at #/properties/a'],
    [{ type: 'number', exclusiveMinimum: true }, 'draft-04'],
  ])('%j', (schema, message) => {
    expect(convert(schema)).toThrow(
      expect.objectContaining({ code: 'KAFKAKIT_UNSUPPORTED', message: expect.stringContaining(message) }),
    )
  })
})
