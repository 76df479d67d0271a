import type { Selectable, Updateable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Profile } from '../../../shared/schemas/person.ts'

type PersonRow = Selectable<Database['person']>

/** The person's own view of their profile: named fields only, so a new column never leaks by default. */
export function toProfile(row: PersonRow): Profile {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    graduationYear: row.graduationYear,
    programme: row.programme,
    employer: row.employer,
    title: row.title,
    city: row.city,
    linkedinUrl: row.linkedinUrl,
    bio: row.bio,
    helpWith: JSON.parse(row.helpWith) as Profile['helpWith'],
    photo: row.photo,
    visibility: JSON.parse(row.visibility) as Profile['visibility'],
    updatedAt: row.updatedAt,
  }
}

/** Profile fields as stored (JSON columns as text). */
export function profileColumns(profile: Partial<Profile>): Updateable<Database['person']> {
  const { helpWith, visibility, ...rest } = profile
  return {
    ...rest,
    ...(helpWith !== undefined ? { helpWith: JSON.stringify(helpWith) } : {}),
    ...(visibility !== undefined ? { visibility: JSON.stringify(visibility) } : {}),
  } as Updateable<Database['person']>
}
