import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, type TestApp } from '../helpers/testApp.ts'
import { mailerTo, startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import { fromEvent } from '../../server/features/events/rows.ts'
import { queueNotices, sendDueNotices } from '../../server/features/events/notices.ts'
import type { Mail, Mailer } from '../../server/lib/mail/mailer.ts'
import { EventSchema } from '../../shared/schemas/event.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const APP = 'https://alumni.example'

/** Notices about people's events by mail, from a queue in the database: after commit, once, retried on failure. */
describe.each(TEST_DATABASES)('event notices on %s', (kind) => {
  let t: TestApp
  let smtp: SmtpCapture
  let mailer: Mailer
  beforeAll(async () => {
    smtp = await startSmtpCapture()
    t = await createTestApp(kind, { members: 0 })
    mailer = mailerTo(smtp, t.db)
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  async function event(id: string, capacity: number | null) {
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    await t.db
      .insertInto('event')
      .values(
        fromEvent(
          EventSchema.parse({
            id,
            networkId: labelledId('net-ximk'),
            type: 'social',
            title: `Treff ${id}`,
            description: '',
            startsAt,
            endsAt: startsAt,
            place: 'Café Mir',
            city: 'Oslo',
            capacity,
            status: 'published',
            audience: 'open',
          }),
        ),
      )
      .execute()
  }
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to && 'text' in m.to && m.to.text === address)

  it('mails the person promoted from the waitlist, once, after the cancellation that freed the place', async () => {
    await event(labelledId('ev-promote'), 1)
    await changeAs(t, 'admin@demo.example', 'registration.register', { eventId: labelledId('ev-promote'), answers: {} })
    await changeAs(t, 'alumn@demo.example', 'registration.register', { eventId: labelledId('ev-promote'), answers: {} })
    // Only the one who got the place has a confirmation; the one waiting has none yet.
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(1)
    expect(mailsTo('alumn@demo.example')).toEqual([])
    await changeAs(t, 'admin@demo.example', 'registration.cancel', { eventId: labelledId('ev-promote') })
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(1)
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(0)
    const [mail] = mailsTo('alumn@demo.example')
    expect(mail?.subject).toBe(`Du har fått plass på Treff ${labelledId('ev-promote')}`)
    expect(mail?.text).toContain(`${APP}/e/${labelledId('ev-promote')}`)
    expect(mail?.html).toContain('Café Mir')
  })

  it('mails everyone registered or waiting when a published event is cancelled or moved, and nobody for a refused change', async () => {
    await event(labelledId('ev-cancel'), 1)
    await changeAs(t, 'styre@demo.example', 'registration.register', { eventId: labelledId('ev-cancel'), answers: {} })
    await changeAs(t, 'koordinator@demo.example', 'registration.register', {
      eventId: labelledId('ev-cancel'),
      answers: {},
    })
    // A member may not cancel the event: the refused change queues nothing.
    expect((await changeAs(t, 'alumn@demo.example', 'event.cancel', { eventId: labelledId('ev-cancel') })).status).toBe(
      'rejected',
    )
    // Only the confirmation of the place taken.
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(1)
    expect((await changeAs(t, 'admin@demo.example', 'event.cancel', { eventId: labelledId('ev-cancel') })).status).toBe(
      'applied',
    )
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(2)
    expect(mailsTo('styre@demo.example').map((m) => m.subject)).toContain(`Avlyst: Treff ${labelledId('ev-cancel')}`)
    expect(mailsTo('koordinator@demo.example').map((m) => m.subject)).toContain(
      `Avlyst: Treff ${labelledId('ev-cancel')}`,
    )
  })

  it('retries a failed send later, with a pause, and keeps the error meanwhile', async () => {
    await event(labelledId('ev-retry'), null)
    let isDown = true
    const flaky: Mailer = {
      send: async (mail: Mail) => {
        if (isDown) throw new Error('SMTP 421 try again later')
        await mailer.send(mail)
      },
    }
    await t.db
      .transaction()
      .execute((trx) =>
        queueNotices(
          trx,
          'eventChanged',
          labelledId('ev-retry'),
          [labelledId('p-demo-alumn')],
          new Date().toISOString(),
        ),
      )
    expect(await sendDueNotices(t.db, flaky, APP)).toBe(0)
    expect(
      await t.db
        .selectFrom('notice')
        .select(['attempts', 'lastError', 'sentAt'])
        .where('eventId', '=', labelledId('ev-retry'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ attempts: 1, lastError: expect.stringContaining('421'), sentAt: null })
    isDown = false
    // Not before the pause is over.
    expect(await sendDueNotices(t.db, flaky, APP)).toBe(0)
    expect(await sendDueNotices(t.db, flaky, APP, new Date(Date.now() + 2 * 60_000))).toBe(1)
  })

  it('sends each notice once when several workers share the queue', async () => {
    await event(labelledId('ev-many'), null)
    const people = Array.from({ length: 60 }, (_, i) => `p-many-${i}`)
    const now = new Date().toISOString()
    await t.db
      .insertInto('person')
      .values(
        people.map((id) => ({
          id,
          email: `${id}@example.org`,
          name: id,
          graduationYear: null,
          programme: null,
          employer: null,
          title: null,
          city: null,
          linkedinUrl: null,
          bio: null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute()
    await t.db.transaction().execute((trx) => queueNotices(trx, 'eventChanged', labelledId('ev-many'), people, now))
    const sent: string[] = []
    const counting: Mailer = {
      send: async (mail) => {
        await new Promise((r) => setTimeout(r, 2))
        sent.push(mail.to)
      },
    }
    const totals = await Promise.all([1, 2, 3].map(() => sendDueNotices(t.db, counting, APP)))
    expect(totals.reduce((a, b) => a + b, 0)).toBe(60)
    expect(sent.sort()).toEqual(people.map((id) => `${id}@example.org`).sort())
  })

  it('invites a cohort to a reunion by graduation year, once each, and tells staff how many but not who', async () => {
    await event(labelledId('ev-reunion'), 40)
    const admin = await t.signIn('admin@demo.example')
    const invite = () =>
      t.request(`/api/events/${labelledId('ev-reunion')}/cohort-invitations`, {
        method: 'POST',
        cookie: admin,
        json: { graduationYear: 2016 },
      })
    const first = await (await invite()).json()
    expect(first).toEqual({ invited: 1 })
    expect(await (await invite()).json()).toEqual({ invited: 0 })
    expect(
      (
        await t.request(`/api/events/${labelledId('ev-reunion')}/cohort-invitations`, {
          method: 'POST',
          cookie: await t.signIn('alumn@demo.example'),
          json: { graduationYear: 2016 },
        })
      ).status,
    ).toBe(403)
    const bad = await t.request(`/api/events/${labelledId('ev-reunion')}/cohort-invitations`, {
      method: 'POST',
      cookie: admin,
      json: { graduationYear: 'sixteen' },
    })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { errors: { path: string[] }[] }).errors[0]!.path).toEqual(['body', 'graduationYear'])
    await sendDueNotices(t.db, mailer, APP)
    expect(mailsTo('alumn@demo.example').map((m) => m.subject)).toContain(
      `Invitasjon: Treff ${labelledId('ev-reunion')}`,
    )
  })
})
