import type { Insertable, Selectable } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Event, Registration } from '../../../shared/schemas/event.ts'

/** An event row as devices see it (JSON columns parsed). */
export function toEvent(row: Selectable<Database['event']>): Event {
  const { remindedAt: _remindedAt, ...event } = row
  return {
    ...event,
    questions: JSON.parse(row.questions) as Event['questions'],
    programme: JSON.parse(row.programme) as Event['programme'],
  } as Event
}

/** An event as stored: the inverse of `toEvent`. */
export function fromEvent(event: Event): Insertable<Database['event']> {
  return { ...event, questions: JSON.stringify(event.questions), programme: JSON.stringify(event.programme) }
}

/** A registration as its person's devices see it; the ticket is signed separately (see `recordRegistrationChange`). */
export function toRegistration(row: Selectable<Database['registration']>, ticket: string | null = null): Registration {
  const { ticketSerial: _serial, ticketId: _ticketId, ...rest } = row
  return {
    ...rest,
    answers: JSON.parse(row.answers) as Registration['answers'],
    ticket,
    checkedInAt: null,
    feedbackAt: null,
  } as Registration
}
