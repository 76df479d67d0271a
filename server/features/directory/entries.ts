import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { ChangeTx, ScopedViews } from '../../sync/changeLog.ts'
import { PRIVATE_FIELDS, type Audience, type MemberEntry, type Profile } from '../../../shared/schemas/person.ts'
import { networkMembersScope, networkStaffScope } from '../../../shared/sync/scopes.ts'
import { toProfile } from '../profile/rows.ts'
import { canManageNetwork, networkRoleOf } from '../session/permissions.ts'

/** How a viewer relates to the person they look at. */
export type Viewer = 'self' | 'staff' | 'member' | 'signedIn' | 'anonymous'

/** The audiences whose fields a viewer may see. */
const SEES: Record<Viewer, Audience[]> = {
  self: ['nobody', 'staff', 'network', 'signedIn'],
  staff: ['staff', 'network', 'signedIn'],
  member: ['network', 'signedIn'],
  signedIn: ['signedIn'],
  anonymous: [],
}

/** Whether a viewer may see one field, given the audience the person chose for it (none chosen: nobody). */
export function mayViewerSee(audience: Audience | undefined, viewer: Viewer): boolean {
  return SEES[viewer].includes(audience ?? 'nobody')
}

/**
 * The fields of a profile a viewer may see: the name always (to anyone who
 * may see the person at all), every other field only if the person chose an
 * audience that includes the viewer. What is left out is never sent.
 */
export function visibleFields(profile: Profile, viewer: Viewer): Partial<Profile> & Pick<Profile, 'id' | 'name'> {
  const view: Partial<Profile> & Pick<Profile, 'id' | 'name'> = { id: profile.id, name: profile.name }
  for (const field of PRIVATE_FIELDS) {
    if (mayViewerSee(profile.visibility[field], viewer)) Object.assign(view, { [field]: profile[field] })
  }
  return view
}

/**
 * Sends a person's directory entries to the networks they are an active member
 * of: members see what the person shows to members, staff what they show to
 * staff. A network they left gets a tombstone. Call after any change to the
 * profile, its visibility, or a membership.
 */
export async function recordPersonChanges(tx: ChangeTx, personId: string): Promise<void> {
  const { trx } = tx
  const row = await trx.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst()
  if (!row) return tx.changes.put('member', personId, {})
  const memberships = await trx
    .selectFrom('membership')
    .select(['networkId', 'role', 'since'])
    .where('personId', '=', personId)
    .where('status', '=', 'active')
    .execute()
  await tx.changes.put('member', personId, directoryViews(toProfile(row), memberships))
}

/** A person's entry in each scope that may see them. */
export function directoryViews(
  profile: Profile,
  memberships: { networkId: string; role: string; since: string }[],
): ScopedViews<'member'> {
  const views: ScopedViews<'member'> = {}
  for (const m of memberships) {
    const base = { networkId: m.networkId, role: m.role as MemberEntry['role'], memberSince: m.since }
    views[networkMembersScope(m.networkId)] = { ...visibleFields(profile, 'member'), ...base }
    views[networkStaffScope(m.networkId)] = { ...visibleFields(profile, 'staff'), ...base }
  }
  return views
}

/**
 * How `viewerId` relates to `personId`, by the same rule as the sync scopes:
 * staff if the viewer runs one of the person's networks (staff, board, the
 * faculty's coordinator, a site admin), member if they share one, else signed in.
 */
export async function relationTo(db: Kysely<Database>, viewerId: string | null, personId: string): Promise<Viewer> {
  if (!viewerId) return 'anonymous'
  if (viewerId === personId) return 'self'
  const theirs = await db
    .selectFrom('membership')
    .select('networkId')
    .where('personId', '=', personId)
    .where('status', '=', 'active')
    .execute()
  let isMember = false
  for (const { networkId } of theirs) {
    if (await canManageNetwork(db, viewerId, networkId)) return 'staff'
    isMember ||= (await networkRoleOf(db, viewerId, networkId)) !== null
  }
  return isMember ? 'member' : 'signedIn'
}
