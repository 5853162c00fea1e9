import { DIRECTORY, type Directory } from './directory.js'
import type { EnrichedUser, User } from './user-topics.js'

/** The UserEnricher's transformation: the user as it is, plus its company and college from the directory. */
export function enrichUser(user: User, directory: Directory = DIRECTORY): EnrichedUser {
  return {
    ...user,
    company: directory.companies.get(user.company_id) ?? null,
    college: directory.colleges.get(user.college_id) ?? null,
  }
}
