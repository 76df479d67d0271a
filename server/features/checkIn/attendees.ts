import type { ChangeTx } from '../../sync/changeLog.ts'
import { networkStaffScope } from '../../../shared/sync/scopes.ts'
import type { Attendee, CheckIn } from '../../../shared/schemas/checkIn.ts'

/**
 * Sends a registration to the network's staff as an attendee: the scanner
 * kit's entry for it (name, status, the ticket id and serial valid now).
 * A scanner that holds an older serial for the ticket id refuses it offline.
 */
export async function recordAttendeeChange(ctx: ChangeTx, registrationId: string): Promise<void> {
  const row = await ctx.trx
    .selectFrom('registration')
    .innerJoin('event', 'event.id', 'registration.eventId')
    .innerJoin('person', 'person.id', 'registration.personId')
    .selectAll('registration')
    .select(['event.networkId', 'person.name'])
    .where('registration.id', '=', registrationId)
    .executeTakeFirst()
  if (!row) return
  const attendee: Attendee = {
    id: row.id,
    eventId: row.eventId,
    networkId: row.networkId,
    personId: row.personId,
    name: row.name,
    status: row.status as Attendee['status'],
    ticketId: row.ticketId,
    ticketSerial: row.ticketSerial,
    answers: JSON.parse(row.answers) as Attendee['answers'],
    createdAt: row.createdAt,
  }
  await ctx.changes.put('attendee', row.id, { [networkStaffScope(row.networkId)]: attendee })
}

/** Sends check-ins to the network's staff: every phone at the door sees arrivals and duplicates. */
export async function recordCheckInChanges(ctx: ChangeTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const rows = await ctx.trx
    .selectFrom('checkIn')
    .innerJoin('event', 'event.id', 'checkIn.eventId')
    .selectAll('checkIn')
    .select('event.networkId')
    .where('checkIn.id', 'in', ids)
    .execute()
  for (const row of rows) {
    const checkIn = { ...row } as CheckIn
    await ctx.changes.put('checkIn', row.id, { [networkStaffScope(row.networkId)]: checkIn })
  }
}
