// A fagdag with its people registered and their tickets signed, for the
// benches that scan at its door.
import { randomUUID } from 'node:crypto'
import type { Db } from '../server/db/schema.ts'
import { fromEvent, toEvent } from '../server/features/events/rows.ts'
import { signPayload } from '../server/lib/signing.ts'
import { labelledId } from '../server/db/seed/labelledId.ts'
import { EventSchema } from '../shared/schemas/event.ts'
import { registrationId } from '../shared/ids.ts'
import type { Attendee } from '../shared/schemas/checkIn.ts'
import { personRow } from './seedPeople.ts'

/** A fagdag of X-IMK in half an hour with `tickets` people registered, each with a signed ticket. */
export async function seedFagdag(db: Db, options: { eventId: string; tickets: number; prefix: string }) {
  const { eventId: EVENT, tickets: TICKETS } = options
  const now = new Date()
  const startsAt = new Date(now.getTime() + 30 * 60_000).toISOString()
  const event = EventSchema.parse({
    id: EVENT,
    networkId: labelledId('net-ximk'),
    type: 'fagdag',
    title: 'Benk-fagdag',
    description: '',
    startsAt,
    endsAt: new Date(now.getTime() + 5 * 3_600_000).toISOString(),
    place: 'Oslo',
    city: 'Oslo',
    capacity: null,
    status: 'published',
    audience: 'open',
    registeredCount: TICKETS,
  })
  await db.insertInto('event').values(fromEvent(event)).execute()
  const attendees: Attendee[] = []
  const tokens: string[] = []
  const created = now.toISOString()
  for (let i = 0; i < TICKETS; i += 500) {
    const people = Array.from({ length: Math.min(500, TICKETS - i) }, (_, j) => ({
      id: `${options.prefix}-${i + j}`,
      ticketId: randomUUID(),
    }))
    await db
      .insertInto('person')
      .values(people.map((p) => personRow(p.id, `Deltaker ${p.id}`, created)))
      .execute()
    await db
      .insertInto('registration')
      .values(
        people.map((p) => ({
          id: registrationId(EVENT, p.id),
          eventId: EVENT,
          personId: p.id,
          status: 'registered',
          createdAt: created,
          answers: '{}',
          promotedAt: null,
          ticketId: p.ticketId,
        })),
      )
      .execute()
    for (const p of people) {
      attendees.push({
        id: registrationId(EVENT, p.id),
        eventId: EVENT,
        networkId: labelledId('net-ximk'),
        personId: p.id,
        name: `Deltaker ${p.id}`,
        status: 'registered',
        ticketId: p.ticketId,
        ticketSerial: 0,
        answers: {},
        createdAt: created,
      })
      tokens.push(
        await signPayload(db, {
          typ: 'ticket',
          tid: p.ticketId,
          eid: EVENT,
          ser: 0,
          nbf: new Date(now.getTime() - 3_600_000).toISOString(),
          exp: new Date(now.getTime() + 6 * 3_600_000).toISOString(),
        }),
      )
    }
  }
  return {
    event: toEvent(await db.selectFrom('event').selectAll().where('id', '=', EVENT).executeTakeFirstOrThrow()),
    attendees,
    tokens,
  }
}
