import { randomInt, randomUUID } from 'node:crypto'
import { COLLEGE_IDS, COMPANY_IDS } from './directory.js'
import type { User } from './user-topics.js'

const FIRST = ['Ada', 'Grace', 'Alan', 'Maria', 'Linus', 'Barbara', 'Dennis', 'Margaret', 'Ken', 'Radia']
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Valcam',
  'Torvalds',
  'Liskov',
  'Ritchie',
  'Hamilton',
  'Perlman',
]

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!

/** A random user signing up `at`, working at one of the directory's companies (or an unknown one). */
export function makeUser(at: Date = new Date()): User {
  const first = pick(FIRST)
  const last = pick(LAST)
  const user_id = randomUUID()
  return {
    user_id,
    name: `${first} ${last}`,
    email: `${first}.${last}.${user_id.slice(0, 8)}@example.com`.toLowerCase(),
    company_id: pick(COMPANY_IDS),
    college_id: pick(COLLEGE_IDS),
    signed_up_at: at.toISOString(),
  }
}
