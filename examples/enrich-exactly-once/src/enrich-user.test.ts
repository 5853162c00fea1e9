import { expect, test } from 'vitest'
import { enrichUser } from './enrich-user.js'
import { EnrichedUser, type User } from './user-topics.js'

const user: User = {
  user_id: '3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e4c3a21',
  name: 'Maria Valcam',
  email: 'maria.valcam@example.com',
  company_id: 'initech',
  college_id: 'upm',
  signed_up_at: '2019-05-23T10:00:00.000Z',
}

test('a user comes out as it went in, plus its company and college from the directory', () => {
  const enriched = enrichUser(user)
  expect(enriched).toEqual({
    ...user,
    company: { id: 'initech', name: 'Initech', industry: 'software', city: 'Austin' },
    college: { id: 'upm', name: 'Universidad Politécnica de Madrid', country: 'ES' },
  })
  expect(EnrichedUser.parse(enriched)).toEqual(enriched)
})

test('an id the directory does not know is enriched as null, and the user is still published', () => {
  const enriched = enrichUser({ ...user, company_id: 'stealth-startup', college_id: 'self-taught' })
  expect(enriched.company).toBeNull()
  expect(enriched.college).toBeNull()
  expect(EnrichedUser.safeParse(enriched).success).toBe(true)
})

test('the enriched schema refuses a record without the enrichment', () => {
  expect(EnrichedUser.safeParse(user).success).toBe(false)
})
