import type { Db } from '../../db/schema.ts'
import { inChangeTransaction } from '../../sync/changeLog.ts'
import { recordMembershipChange } from '../membership/changes.ts'
import { recordPersonChanges } from '../directory/entries.ts'
import { cancelRegistration } from '../events/registrations.ts'
import { PERSON_TABLES } from './personData.ts'

/**
 * Erases a person everywhere, in one transaction: every row about them is
 * deleted, and every synced copy gets a tombstone, so each device that held
 * them (their own, and fellow members' directories) removes them at its next
 * sync. Audit entries keep that something happened, not who it was about.
 * Board seats keep the name as public history of who held the seat (noted).
 */
export async function eraseAccount(db: Db, personId: string): Promise<void> {
  await inChangeTransaction(db, async (tx) => {
    const { trx } = tx
    const person = await trx.selectFrom('person').select('email').where('id', '=', personId).executeTakeFirst()
    if (!person) return
    const memberships = await trx.selectFrom('membership').select('id').where('personId', '=', personId).execute()
    const educations = await trx.selectFrom('education').select('id').where('personId', '=', personId).execute()
    const registrations = await trx
      .selectFrom('registration')
      .select(['id', 'eventId'])
      .where('personId', '=', personId)
      .execute()
    // Their places go to the next on each waitlist before the registrations go.
    for (const r of registrations)
      await cancelRegistration({ ...tx, personId, now: new Date().toISOString() }, { eventId: r.eventId })
    const checkIns =
      registrations.length > 0
        ? await trx
            .selectFrom('checkIn')
            .select('id')
            .where(
              'registrationId',
              'in',
              registrations.map((r) => r.id),
            )
            .execute()
        : []
    if (checkIns.length > 0)
      await trx
        .deleteFrom('checkIn')
        .where(
          'id',
          'in',
          checkIns.map((c) => c.id),
        )
        .execute()
    const devices = await trx.selectFrom('pushSubscription').select('id').where('personId', '=', personId).execute()
    if (devices.length > 0)
      await trx
        .deleteFrom('pushMessage')
        .where(
          'subscriptionId',
          'in',
          devices.map((d) => d.id),
        )
        .execute()
    const clients = await trx.selectFrom('syncClient').select('clientId').where('personId', '=', personId).execute()
    if (clients.length > 0)
      await trx
        .deleteFrom('syncMutation')
        .where(
          'clientId',
          'in',
          clients.map((c) => c.clientId),
        )
        .execute()
    // Every row of every table with a person column, as the features list them.
    for (const table of PERSON_TABLES)
      await trx
        .deleteFrom(table as 'education')
        .where('personId', '=', personId)
        .execute()
    await trx.deleteFrom('invitation').where('email', '=', person.email).execute()
    // A walk-in under the address stays a guest entry under the name staff typed; the address goes.
    await trx.deleteFrom('walkIn').where('email', '=', person.email).execute()
    await trx.deleteFrom('signInChallenge').where('email', '=', person.email).execute()
    await trx.updateTable('auditLog').set({ subjectId: null }).where('subjectId', '=', personId).execute()
    await trx.updateTable('auditLog').set({ actorId: null }).where('actorId', '=', personId).execute()
    await trx.deleteFrom('person').where('id', '=', personId).execute()

    for (const m of memberships) await recordMembershipChange(tx, m.id)
    for (const e of educations) await tx.changes.remove('education', e.id)
    for (const r of registrations) {
      await tx.changes.remove('registration', r.id)
      await tx.changes.remove('attendee', r.id)
    }
    for (const c of checkIns) await tx.changes.remove('checkIn', c.id)
    await tx.changes.remove('profile', personId)
    await tx.changes.remove('notificationSettings', personId)
    await recordPersonChanges(tx, personId)
    await trx
      .insertInto('auditLog')
      .values({
        at: new Date().toISOString(),
        actorId: null,
        action: 'account.erase',
        subjectId: null,
        networkId: null,
      })
      .execute()
  })
}
