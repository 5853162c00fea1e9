import { expect, test } from 'vitest'
import { bytes } from './bytes-serde.js'
import { string } from './string-serde.js'
import { bindSync, thrown } from './test-context.test-helper.js'

test('string() round-trips UTF-8, including characters outside the BMP', () => {
  const serde = bindSync(string())
  for (const text of ['', 'hello', 'ünïcödé', '🎉 emoji', '\u0000nul']) {
    expect(serde.deserialize(serde.serialize(text))).toBe(text)
  }
})

test('string() rejects invalid UTF-8 with KAFKAKIT_DESERIALIZATION instead of inventing U+FFFD', () => {
  const serde = bindSync(string())
  for (const bad of [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80])]) {
    expect(thrown(() => serde.deserialize(bad))).toMatchObject({
      code: 'KAFKAKIT_DESERIALIZATION',
      message: 'Invalid value: the bytes are not valid UTF-8',
    })
  }
})

test('string() rejects non-strings with KAFKAKIT_VALIDATION', () => {
  expect(thrown(() => bindSync(string()).serialize(42 as never))).toMatchObject({
    code: 'KAFKAKIT_VALIDATION',
    message: 'Invalid value: expected a string, got number',
  })
})

test('bytes() passes bytes through and rejects anything else', () => {
  const serde = bindSync(bytes())
  const data = Buffer.from([1, 2, 3])
  expect(serde.serialize(data)).toBe(data)
  expect(serde.serialize(new Uint8Array([4, 5]))).toEqual(Buffer.from([4, 5]))
  expect(serde.deserialize(data)).toBe(data)
  expect(thrown(() => serde.serialize('text' as never))).toMatchObject({ code: 'KAFKAKIT_VALIDATION' })
})
