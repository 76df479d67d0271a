import type { Db } from '../../db/schema.ts'
import type { TicketPayload } from '../../../shared/schemas/event.ts'
import { signPayload } from '../../lib/signing.ts'

const HOUR = 3_600_000

/**
 * The signed ticket of a registration that holds a place: valid from a day
 * before the event until six hours after it, for this serial only. The phone
 * and the mails show the same code.
 */
export async function signTicket(
  db: Db,
  row: { ticketId: string; eventId: string; ticketSerial: number },
): Promise<string> {
  const event = await db
    .selectFrom('event')
    .select(['startsAt', 'endsAt'])
    .where('id', '=', row.eventId)
    .executeTakeFirstOrThrow()
  const payload: Omit<TicketPayload, 'kid'> = {
    typ: 'ticket',
    tid: row.ticketId,
    eid: row.eventId,
    ser: row.ticketSerial,
    nbf: new Date(Date.parse(event.startsAt) - 24 * HOUR).toISOString(),
    exp: new Date(Date.parse(event.endsAt) + 6 * HOUR).toISOString(),
  }
  return signPayload(db, payload)
}
