import type { College, Company } from './user-topics.js'

/**
 * The reference data the enricher adds, by id: in a real service a directory service or a table (or a
 * compacted topic read into memory); a constant here, so the result of enriching a user is known.
 */
export interface Directory {
  readonly companies: ReadonlyMap<string, Company>
  readonly colleges: ReadonlyMap<string, College>
}

const byId = <T extends { id: string }>(entries: readonly T[]) =>
  new Map(entries.map((entry) => [entry.id, entry] as const))

export const DIRECTORY: Directory = {
  companies: byId<Company>([
    { id: 'acme', name: 'Acme Corporation', industry: 'manufacturing', city: 'Springfield' },
    { id: 'globex', name: 'Globex', industry: 'energy', city: 'Cypress Creek' },
    { id: 'initech', name: 'Initech', industry: 'software', city: 'Austin' },
    { id: 'umbrella', name: 'Umbrella Health', industry: 'pharmaceuticals', city: 'Raccoon City' },
    { id: 'hooli', name: 'Hooli', industry: 'internet', city: 'Palo Alto' },
  ]),
  colleges: byId<College>([
    { id: 'mit', name: 'Massachusetts Institute of Technology', country: 'US' },
    { id: 'eth', name: 'ETH Zurich', country: 'CH' },
    { id: 'upm', name: 'Universidad Politécnica de Madrid', country: 'ES' },
    { id: 'tum', name: 'Technical University of Munich', country: 'DE' },
  ]),
}

/** Ids the producer picks from: the directory's, and one it does not know (enriched as null). */
export const COMPANY_IDS = [...DIRECTORY.companies.keys(), 'stealth-startup'] as const
export const COLLEGE_IDS = [...DIRECTORY.colleges.keys(), 'self-taught'] as const
