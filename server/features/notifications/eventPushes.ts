import type { Trx } from '../../sync/changeLog.ts'
import type { PushPayload } from '../../../shared/schemas/push.ts'
import { queuePushes } from './queuePushes.ts'
import { formatInOslo } from '../../../shared/osloTime.ts'
import type { Locale } from '../../../shared/schemas/common.ts'

type EventRow = { id: string; networkId: string; title: string; startsAt: string; place: string; type: string }
type Kind = 'new' | 'promoted' | 'cancelled' | 'changed' | 'reminder'

const TEXT = {
  nb: {
    new: (e: EventRow, when: string) => `Nytt arrangement: ${when}, ${e.place}`,
    newSocial: (e: EventRow, when: string) => `Nytt sosialt treff: ${when}, ${e.place}`,
    promoted: () => 'Du har fått plass fra ventelisten. Billetten ligger i appen.',
    cancelled: () => 'Arrangementet er avlyst.',
    changed: (e: EventRow, when: string) => `Tid eller sted er endret. Nå: ${when}, ${e.place}`,
    reminder: (e: EventRow, when: string) => `I morgen: ${when}, ${e.place}`,
  },
  nn: {
    new: (e: EventRow, when: string) => `Nytt arrangement: ${when}, ${e.place}`,
    newSocial: (e: EventRow, when: string) => `Nytt sosialt treff: ${when}, ${e.place}`,
    promoted: () => 'Du har fått plass frå ventelista. Billetten ligg i appen.',
    cancelled: () => 'Arrangementet er avlyst.',
    changed: (e: EventRow, when: string) => `Tida eller staden er endra. No: ${when}, ${e.place}`,
    reminder: (e: EventRow, when: string) => `I morgon: ${when}, ${e.place}`,
  },
  en: {
    new: (e: EventRow, when: string) => `New event: ${when}, ${e.place}`,
    newSocial: (e: EventRow, when: string) => `New social meetup: ${when}, ${e.place}`,
    promoted: () => 'You have a place from the waitlist. Your ticket is in the app.',
    cancelled: () => 'The event has been cancelled.',
    changed: (e: EventRow, when: string) => `The time or place has changed. Now: ${when}, ${e.place}`,
    reminder: (e: EventRow, when: string) => `Tomorrow: ${when}, ${e.place}`,
  },
} as const

const TYPE: Record<Kind, PushPayload['type']> = {
  new: 'event.new',
  promoted: 'event.promoted',
  cancelled: 'event.cancelled',
  changed: 'event.changed',
  reminder: 'event.reminder',
}

function payloads(kind: Kind, event: EventRow): Record<Locale, PushPayload> {
  const make = (locale: Locale): PushPayload => {
    const when = formatInOslo(event.startsAt, locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    })
    const t = TEXT[locale]
    const body =
      kind === 'new' ? (event.type === 'social' ? t.newSocial(event, when) : t.new(event, when)) : t[kind](event, when)
    return {
      type: TYPE[kind],
      id: event.id,
      title: event.title.slice(0, 120),
      body: body.slice(0, 300),
      url: `/e/${event.id}`,
    }
  }
  return { nb: make('nb'), nn: make('nn'), en: make('en') }
}

/**
 * Pushes about an event: to the people given (their own events: a place, a
 * change, a cancellation, a reminder) or, for a new event, to the network's
 * members who chose meetups or all events. Good until the event starts; an
 * update of the same event replaces the earlier notice (one topic per event).
 */
export async function queueEventPushes(
  trx: Trx,
  kind: Kind,
  eventId: string,
  personIds: string[] | null,
  now: string,
): Promise<number> {
  const event = await trx
    .selectFrom('event')
    .select(['id', 'networkId', 'title', 'startsAt', 'place', 'type'])
    .where('id', '=', eventId)
    .executeTakeFirst()
  if (!event) return 0
  return queuePushes(trx, {
    ...(personIds ? { personIds } : {}),
    networkId: event.networkId,
    topics: kind === 'new' ? (event.type === 'social' ? ['social', 'allEvents'] : ['allEvents']) : ['myEvents'],
    payload: payloads(kind, event),
    urgency: kind === 'cancelled' || kind === 'changed' ? 'high' : 'normal',
    expiresAt: event.startsAt,
    collapseKey: `event:${event.id}`,
    now,
  })
}
