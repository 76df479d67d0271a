import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/** How a staff-visible graduation year reads in the stored visibility JSON (written by JSON.stringify, so without spaces). */
const YEAR_SHOWN_TO_STAFF = ['staff', 'network', 'signedIn'].map((audience) => `%"graduationYear":"${audience}"%`)

/**
 * The active members of a network, or of one cohort of it: those who
 * graduated in `graduationYear` by a registered education, or by their
 * profile when they show the year to staff (a hidden year must not put
 * anyone in a cohort staff invite and count).
 * A query to add conditions to (selects `person.id`).
 */
export function activeMembersQuery(db: Kysely<Database>, networkId: string, graduationYear: number | null = null) {
  const members = db
    .selectFrom('membership')
    .innerJoin('person', 'person.id', 'membership.personId')
    .select('person.id')
    .where('membership.networkId', '=', networkId)
    .where('membership.status', '=', 'active')
  if (graduationYear === null) return members
  return members.where((eb) =>
    eb.or([
      eb.and([
        eb('person.graduationYear', '=', graduationYear),
        eb.or(YEAR_SHOWN_TO_STAFF.map((pattern) => eb('person.visibility', 'like', pattern))),
      ]),
      eb.exists(
        eb
          .selectFrom('education')
          .select('education.id')
          .whereRef('education.personId', '=', 'person.id')
          .where('education.graduationYear', '=', graduationYear),
      ),
    ]),
  )
}
