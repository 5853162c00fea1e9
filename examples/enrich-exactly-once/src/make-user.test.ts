import { expect, test } from 'vitest'
import { COLLEGE_IDS, COMPANY_IDS } from './directory.js'
import { makeUser } from './make-user.js'
import { User } from './user-topics.js'

test('made users pass the topic schema, with fresh ids, known and unknown companies and colleges', () => {
  const at = new Date('2019-05-23T10:00:00Z')
  const users = Array.from({ length: 300 }, () => makeUser(at))
  for (const user of users) expect(User.parse(user)).toEqual(user)
  expect(users[0]!.signed_up_at).toBe('2019-05-23T10:00:00.000Z')
  expect(new Set(users.map((u) => u.user_id)).size).toBe(users.length)
  expect(new Set(users.map((u) => u.company_id))).toEqual(new Set(COMPANY_IDS))
  expect(new Set(users.map((u) => u.college_id))).toEqual(new Set(COLLEGE_IDS))
})
