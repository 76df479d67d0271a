import { patchRows, putRow, type MutatorTable } from '../../sync/localRows.ts'
import { networkStaffScope } from '../../../shared/sync/scopes.ts'
import { registrationId } from '../../../shared/ids.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const CHECK_IN_MUTATORS = {
  // Shown at once as this phone judges it; the server classifies scans from every phone by time.
  'checkIn.record': async (db, { scan }, _now, personId) => {
    const event = await db.events.where('id').equals(scan.eventId).first()
    if (!event) return []
    const earlier = await db.checkIns
      .where('registrationId')
      .equals(scan.registrationId)
      .filter((c) => c.verdict === 'admitted')
      .first()
    return putRow(db, 'checkIns', networkStaffScope(event.networkId), {
      ...scan,
      networkId: event.networkId,
      operatorId: personId,
      correctedAt: scan.scannedAt,
      verdict: earlier ? 'duplicate' : 'admitted',
    })
  },
  // The person's account and place are made by the server; the door screen counts the queued walk-in meanwhile.
  'checkIn.walkIn': () => Promise.resolve([]),
  // Answered on Meg from a list read from the server; the place, if it was theirs, arrives by sync.
  'walkIn.decide': () => Promise.resolve([]),
  'checkIn.self': async (db, { checkIn }, _now, personId) =>
    personId
      ? patchRows(db, 'registrations', registrationId(checkIn.eventId, personId), { checkedInAt: checkIn.scannedAt })
      : [],
  'feedback.give': async (db, { eventId }, now, personId) =>
    personId ? patchRows(db, 'registrations', registrationId(eventId, personId), { feedbackAt: now }) : [],
} satisfies Partial<MutatorTable>
