import type { Db } from '../db/schema.ts'
import {
  PUBLIC_SCOPE,
  networkMembersScope,
  networkStaffScope,
  userScope,
  type Scope,
} from '../../shared/sync/scopes.ts'

/**
 * The scopes a person may read now: computed from current roles on every
 * pull, so a membership or role that ends drops its scopes at the next sync.
 * Members read their networks' member scope; those who run a network (staff,
 * board) also its staff scope; a faculty coordinator both, for every network
 * of the faculty; a site admin both, everywhere.
 */
export async function readableScopes(db: Db, personId: string | null): Promise<Scope[]> {
  if (!personId) return [PUBLIC_SCOPE]
  const [memberships, coordinated, person] = await Promise.all([
    db
      .selectFrom('membership')
      .select(['networkId', 'role'])
      .where('personId', '=', personId)
      .where('status', '=', 'active')
      .execute(),
    db
      .selectFrom('facultyRole')
      .innerJoin('network', 'network.facultyId', 'facultyRole.facultyId')
      .select('network.id')
      .where('facultyRole.personId', '=', personId)
      .execute(),
    db.selectFrom('person').select('isSiteAdmin').where('id', '=', personId).executeTakeFirst(),
  ])
  const scopes = new Set<Scope>([PUBLIC_SCOPE, userScope(personId)])
  for (const m of memberships) {
    scopes.add(networkMembersScope(m.networkId))
    if (m.role === 'admin' || m.role === 'board') scopes.add(networkStaffScope(m.networkId))
  }
  const overseen = person?.isSiteAdmin === 1 ? await db.selectFrom('network').select('id').execute() : coordinated
  for (const { id } of overseen) {
    scopes.add(networkMembersScope(id))
    scopes.add(networkStaffScope(id))
  }
  return [...scopes]
}
