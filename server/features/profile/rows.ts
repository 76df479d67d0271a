import type { Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Profile } from '../../../shared/schemas/person.ts'

/** The person's own view of their profile: named fields only, so a new column never leaks by default. */
export function toProfile(row: Selectable<Database['person']>): Profile {
  return {
    id: row.id, email: row.email, name: row.name, graduationYear: row.graduationYear, programme: row.programme,
    employer: row.employer, title: row.title, city: row.city, linkedinUrl: row.linkedinUrl, bio: row.bio, updatedAt: row.updatedAt,
  }
}
