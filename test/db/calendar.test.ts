import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ICAL from 'ical.js'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'
import { CalendarFeedSchema } from '../../shared/schemas/event.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/** Reads an iCalendar file with a third-party parser (ical.js), its own VTIMEZONE registered, as calendar apps do. */
function readCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v)
    return {
      uid: event.uid,
      summary: event.summary,
      tzid: event.startDate.zone?.tzid,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      location: event.location,
    }
  })
}

/** "Add to calendar" and the personal calendar feed: valid iCalendar with Europe/Oslo times. */
describe.each(TEST_DATABASES)('calendar files on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  it('gives one event as iCalendar in Europe/Oslo time, right on both sides of daylight saving', async () => {
    for (const id of [labelledId('ev-ximk-fagdag'), labelledId('ev-ximk-quiz')]) {
      const res = await t.request(`/api/events/${id}/ics`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
      const text = await res.text()
      expect(text).toMatch(/DTSTART;TZID=Europe\/Oslo:\d{8}T\d{6}/)
      const event = await t.db
        .selectFrom('event')
        .select(['startsAt', 'endsAt', 'title'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(readCalendar(text)).toEqual([
        {
          uid: `${id}@alumni-network`,
          summary: event.title,
          tzid: 'Europe/Oslo',
          start: event.startsAt,
          end: event.endsAt,
          location: expect.stringContaining('Oslo'),
        },
      ])
    }
    // The fagdag's programme is in the description, read back by the parser.
    const fagdag = new ICAL.Component(
      ICAL.parse(await (await t.request(`/api/events/${labelledId('ev-ximk-fagdag')}/ics`)).text()),
    ).getFirstSubcomponent('vevent')!
    expect(fagdag.getFirstPropertyValue('description')).toContain('10:15 Journalistikk i KI-alderen (Forsker ved IMK)')
    // The fagdag is in April (summer time, UTC+2): 08:00 UTC is 10:00 in Oslo.
    expect(await (await t.request(`/api/events/${labelledId('ev-ximk-fagdag')}/ics`)).text()).toMatch(
      /DTSTART;TZID=Europe\/Oslo:\d{4}0422T100000/,
    )
    expect((await t.request(`/api/events/${labelledId('ev-ximk-reunion')}/ics`)).status).toBe(404)
  })

  it("feeds a person's registered events to their calendar at a secret address, which a new address replaces", async () => {
    const cookie = await t.signIn('alumn@demo.example')
    for (const eventId of [labelledId('ev-ximk-fagdag'), labelledId('ev-ximk-quiz')]) {
      const res = await t.request('/api/sync/push', {
        method: 'POST',
        cookie,
        json: {
          clientId: `cal-${kind}-${eventId}`,
          protocolVersion,
          mutations: [{ id: 1, name: 'registration.register', args: { eventId, answers: {} } }],
        },
      })
      expect((await res.json()).results[0].status).toBe('applied')
    }
    const feed = CalendarFeedSchema.parse(
      await (await t.request('/api/me/calendar', { method: 'POST', cookie })).json(),
    )
    expect(feed.webcalUrl.startsWith('webcal://')).toBe(true)
    const path = new URL(feed.url).pathname
    const events = readCalendar(await (await t.request(path)).text())
    expect(events.map((e) => e.uid).sort()).toEqual([
      `${labelledId('ev-ximk-fagdag')}@alumni-network`,
      `${labelledId('ev-ximk-quiz')}@alumni-network`,
    ])
    // A new address: the old one stops working.
    await t.request('/api/me/calendar', { method: 'POST', cookie })
    expect((await t.request(path)).status).toBe(404)
  })
})
