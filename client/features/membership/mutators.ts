import { deleteRows, patchRows, putRow, type MutatorTable } from '../../sync/localRows.ts'
import type { AlumniDb, UndoStep } from '../../db/database.ts'
import { userScope } from '../../../shared/sync/scopes.ts'
import { membershipId } from '../../../shared/ids.ts'
import { evaluateAdmission } from '../../../shared/admission.ts'

/** Patches the person's own membership of a network, found by network and person (not by a guessed id). */
async function patchOwnMembership(
  db: AlumniDb,
  networkId: string,
  personId: string | null,
  patch: Record<string, unknown>,
): Promise<UndoStep[]> {
  if (!personId) return []
  const own = await db.memberships
    .where('networkId')
    .equals(networkId)
    .filter((m) => m.personId === personId)
    .first()
  return own ? patchRows(db, 'memberships', own.id, patch) : []
}

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const MEMBERSHIP_MUTATORS = {
  'membership.join': async (db, { networkId }, now, personId) => {
    const network = await db.networks.where('id').equals(networkId).first()
    if (!personId || !network) return []
    const faculty = await db.faculties.where('id').equals(network.facultyId).first()
    const educations = await db.educations.where('personId').equals(personId).toArray()
    const profile = await db.profiles.where('id').equals(personId).first()
    // Shown at once as the server will most likely decide; the server has the last word.
    const decision = evaluateAdmission(
      network.admission,
      { educations, city: profile?.city ?? null, isInvited: false },
      faculty?.institutionId ?? '',
    )
    if (decision.outcome === 'refuse') return []
    return putRow(db, 'memberships', userScope(personId), {
      id: membershipId(networkId, personId),
      networkId,
      personId,
      status: decision.outcome === 'join' ? 'active' : 'requested',
      role: 'member',
      since: now,
      source: 'request',
      lawfulBasis: 'consent',
      basisExpiresAt: null,
    })
  },
  'membership.leave': (db, { networkId }, _now, personId) =>
    patchOwnMembership(db, networkId, personId, { status: 'ended', role: 'member' }),
  'membership.decide': (db, { membershipId: id }) => deleteRows(db, 'joinRequests', id),
  'membership.setRole': async (db, { networkId, personId, role }) => {
    // The staff's copy of the member (their own membership row, if it is the person themself, comes with the next pull).
    const entries = await db.members
      .where('id')
      .equals(personId)
      .filter((m) => m.networkId === networkId)
      .toArray()
    return (await Promise.all(entries.map((e) => putRow(db, 'members', e._scope, { ...e, role })))).flat()
  },
  'membership.remove': async (db, { networkId, personId }) => {
    const entries = await db.members
      .where('id')
      .equals(personId)
      .filter((m) => m.networkId === networkId)
      .toArray()
    await db.members.bulkDelete(entries.map((e) => e._key))
    return entries.map((e) => ({ table: 'members' as const, key: e._key, before: e }))
  },
  'membership.consent': (db, { networkId }, _now, personId) =>
    patchOwnMembership(db, networkId, personId, { lawfulBasis: 'consent', basisExpiresAt: null }),
} satisfies Partial<MutatorTable>
