import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { ErrorCode } from './error-codes.js'

test('docs/errors.md has a section for every error code and no other, in the list order, each saying whether it is retriable and what to do', () => {
  const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8')
  const sections = [...doc.matchAll(/^### (KAFKAKIT_[A-Z_]+)$/gm)].map((m) => m[1])
  expect(sections).toEqual(Object.values(ErrorCode))
  for (const [name, code] of Object.entries(ErrorCode)) {
    const section = doc.slice(doc.indexOf(`### ${code}`)).split(/^### /m)[1]!
    expect(section, code).toContain(`\`ErrorCode.${name}\``)
    expect(section, code).toMatch(/\*\*Retriable:\*\* (yes|no|as the)/)
    expect(section, code).toContain('**What to do:**')
  }
})
