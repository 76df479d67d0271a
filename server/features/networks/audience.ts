import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

/**
 * The active members of a network, or of one cohort of it: those who
 * graduated in `graduationYear` by their profile or a registered education.
 * A query to add conditions to (selects `person.id`).
 */
export function activeMembersQuery(db: Kysely<Database>, networkId: string, graduationYear: number | null = null) {
  const members = db.selectFrom('membership').innerJoin('person', 'person.id', 'membership.personId').select('person.id')
    .where('membership.networkId', '=', networkId).where('membership.status', '=', 'active')
  if (graduationYear === null) return members
  return members.where((eb) => eb.or([
    eb('person.graduationYear', '=', graduationYear),
    eb.exists(eb.selectFrom('education').select('education.id').whereRef('education.personId', '=', 'person.id').where('education.graduationYear', '=', graduationYear)),
  ]))
}
