import { defineTopic, json, string } from '@kafkakit/core'
import { z } from 'zod'

/** The seed's two topics (shared/seeds/004) and the enricher's consumer group. */
export const DEFAULT_USERS_TOPIC = 'users'
export const DEFAULT_ENRICHED_TOPIC = 'enriched-users'
export const DEFAULT_GROUP = 'user-enricher'

const id = z.string().regex(/^[a-z0-9-]+$/, 'expected a lowercase id such as "acme"')

/** A user as the users topic carries it: who they are, and the ids of their company and college. */
export const User = z.object({
  user_id: z.uuid(),
  name: z.string().min(1),
  email: z.email(),
  company_id: id,
  college_id: id,
  signed_up_at: z.iso.datetime(),
})
export type User = z.infer<typeof User>

/** What the directory knows about a company. */
export const Company = z.object({
  id,
  name: z.string().min(1),
  industry: z.string().min(1),
  city: z.string(),
})
export type Company = z.infer<typeof Company>

/** What the directory knows about a college. */
export const College = z.object({ id, name: z.string().min(1), country: z.string().length(2) })
export type College = z.infer<typeof College>

/**
 * The same user with "information about its company and college" added; null where the directory does
 * not know the id (the user is still published, with what could be found).
 */
export const EnrichedUser = User.extend({ company: Company.nullable(), college: College.nullable() })
export type EnrichedUser = z.infer<typeof EnrichedUser>

/**
 * The users topic, declared once for the producer, the enricher and the tests: keyed by user id, the
 * value JSON checked by `User`. `name` is `users` unless overridden (tests).
 */
export function usersTopic(name: string = DEFAULT_USERS_TOPIC) {
  return defineTopic({ name, key: string(), value: json(User) })
}

/** The enriched-users topic: keyed by user id too (with as many partitions, a user's output partition is its input's). */
export function enrichedUsersTopic(name: string = DEFAULT_ENRICHED_TOPIC) {
  return defineTopic({ name, key: string(), value: json(EnrichedUser) })
}
