import { ICalCalendar, ICalEventStatus } from 'ical-generator'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import type { Event } from '../../../shared/schemas/event.ts'
import { OSLO_ZONE, osloWallClock } from '../../../shared/osloTime.ts'

/** Oslo's wall clock at an instant as a Date: ical-generator writes a zoned time from a Date's UTC fields, with TZID. */
function osloWallClockDate(iso: string): Date {
  return new Date(osloWallClock(Date.parse(iso)))
}

/** Text with every run of control characters (line breaks included) made one space. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim()
}

/**
 * Events as an iCalendar file with Europe/Oslo times and its VTIMEZONE, which
 * Google, Apple and Outlook calendars read. Each event keeps its id as UID,
 * so a later download updates rather than duplicates; cancelled ones say so.
 *
 * @example calendarOf('X-IMK', [event], 'https://alumni.example').toString()
 */
export function calendarOf(name: string, events: (Event & { networkName: string })[], appUrl: string): ICalCalendar {
  // ical-generator escapes text values but writes NAME and X-WR-CALNAME raw: a line break
  // there would start a property of its own (an ATTENDEE, say). Names refuse them; this is the net.
  const calendar = new ICalCalendar({
    name: oneLine(name),
    prodId: { company: 'Alumninettverk', product: 'alumni-network', language: 'NB' },
  })
  calendar.timezone({ name: OSLO_ZONE, generator: getVtimezoneComponent })
  for (const event of events) {
    calendar.createEvent({
      id: `${event.id}@alumni-network`,
      start: osloWallClockDate(event.startsAt),
      end: osloWallClockDate(event.endsAt),
      timezone: OSLO_ZONE,
      summary: event.status === 'cancelled' ? `AVLYST: ${event.title}` : event.title,
      description: [
        event.networkName,
        event.description,
        ...(event.programme ?? []).map(
          (item) => `${item.time} ${item.title}${item.speaker ? ` (${item.speaker})` : ''}`,
        ),
      ]
        .filter(Boolean)
        .join('\n\n')
        .trim(),
      location: [event.place, event.city].filter(Boolean).join(', '),
      url: `${appUrl}/e/${event.id}`,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  }
  return calendar
}
