import type { Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Profile } from '../../../shared/schemas/person.ts'

/** The person's own view of their profile. */
export function toProfile(row: Selectable<Database['person']>): Profile {
  const { createdAt: _createdAt, ...profile } = row
  return profile
}
