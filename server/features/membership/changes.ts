import type { ChangeTx } from '../../sync/changeLog.ts'
import { JoinRequestSchema, VisibilitySchema, type Membership } from '../../../shared/schemas/person.ts'
import { networkStaffScope, userScope } from '../../../shared/sync/scopes.ts'
import { mayViewerSee, recordPersonChanges } from '../directory/entries.ts'

/**
 * Sends a membership's current state to the devices that may see it: the
 * person's own (their membership), and, while it is a request, the network's
 * staff (who asks, and their registered education).
 */
export async function recordMembershipChange(tx: ChangeTx, membershipId: string): Promise<void> {
  const { trx } = tx
  const m = await trx
    .selectFrom('membership')
    .select(['id', 'networkId', 'personId', 'status', 'role', 'since', 'source', 'lawfulBasis', 'basisExpiresAt'])
    .where('id', '=', membershipId)
    .executeTakeFirst()
  if (!m) {
    await tx.changes.put('membership', membershipId, {})
    await tx.changes.put('joinRequest', membershipId, {})
    return
  }
  await tx.changes.put('membership', m.id, { [userScope(m.personId)]: m as Membership })
  await recordPersonChanges(tx, m.personId)
  if (m.status !== 'requested') {
    await tx.changes.put('joinRequest', m.id, {})
    return
  }
  const person = await trx
    .selectFrom('person')
    .select(['name', 'email', 'visibility'])
    .where('id', '=', m.personId)
    .executeTakeFirstOrThrow()
  // Asking to join shows staff the name and education; the address only if the person shows it to staff.
  const visibility = VisibilitySchema.parse(JSON.parse(person.visibility))
  const educations = await trx
    .selectFrom('education')
    .select(['id', 'institutionId', 'programme', 'degree', 'status', 'graduationYear', 'source'])
    .where('personId', '=', m.personId)
    .execute()
  await tx.changes.put('joinRequest', m.id, {
    [networkStaffScope(m.networkId)]: {
      id: m.id,
      networkId: m.networkId,
      personId: m.personId,
      name: person.name,
      email: mayViewerSee(visibility.email, 'staff') ? person.email : null,
      requestedAt: m.since,
      educations: educations.map((e) => JoinRequestSchema.shape.educations.element.parse(e)),
    },
  })
}
