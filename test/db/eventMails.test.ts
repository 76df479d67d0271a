import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeQrPng } from '../helpers/decodeQr.ts'
import ICAL from 'ical.js'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, pullEverything, signUp, type TestApp } from '../helpers/testApp.ts'
import { mailerTo, startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import { sendDueNotices } from '../../server/features/events/notices.ts'
import { queueReminders } from '../../server/features/events/reminders.ts'
import { sendDueMembershipNotices } from '../../server/features/membership/notices.ts'
import type { Mailer } from '../../server/lib/mail/mailer.ts'
import { formatShortCode, ticketShortCode } from '../../shared/ticketCode.ts'
import { readToken } from '../../shared/signedToken.ts'
import { membershipId, registrationId } from '../../shared/ids.ts'

const APP = 'https://alumni.example'
const COORDINATOR = 'koordinator@demo.example'
const DAY = 86_400_000

/** The mails people expect: a confirmation with the ticket and the calendar file, the same on promotion, a reminder for those without push, and how a join request was decided. */
describe.each(TEST_DATABASES)('mails about events and memberships on %s', (kind) => {
  let t: TestApp
  let smtp: SmtpCapture
  let mailer: Mailer
  let networkId: string
  beforeAll(async () => {
    smtp = await startSmtpCapture()
    t = await createTestApp(kind, { members: 0 })
    mailer = mailerTo(smtp, t.db)
    networkId = randomUUID()
    expect(
      (
        await changeAs(t, COORDINATOR, 'network.create', {
          network: {
            id: networkId,
            facultyId: 'uio-hf',
            slug: `mail-${networkId.slice(0, 8)}`,
            name: 'Alumni i filosofi',
            shortName: 'Filosofi',
            purpose: '',
            admission: { mode: 'approval', clauses: [{ kind: 'graduates', programmes: ['Filosofi'], degree: 'any' }] },
            contactEmail: null,
          },
        })
      ).status,
    ).toBe('applied')
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to && 'text' in m.to && m.to.text === address)
  async function newEvent(capacity: number | null, startsInMs = 7 * DAY): Promise<string> {
    const id = randomUUID()
    const startsAt = new Date(Date.now() + startsInMs).toISOString()
    expect(
      (
        await changeAs(t, COORDINATOR, 'event.save', {
          event: {
            id,
            networkId,
            type: 'fagdag',
            title: 'Fagdag i filosofi',
            description: '',
            startsAt,
            endsAt: new Date(Date.parse(startsAt) + 3 * 3_600_000).toISOString(),
            place: 'Georg Morgenstiernes hus',
            city: 'Oslo',
            capacity,
            status: 'published',
            audience: 'open',
          },
        })
      ).status,
    ).toBe('applied')
    return id
  }
  /** The ticket the person's phone holds for the event now. */
  async function phoneTicket(cookie: string, eventId: string, personId: string): Promise<string> {
    const { changes } = await pullEverything(t, cookie)
    return changes.findLast((c) => c.entity === 'registration' && c.id === registrationId(eventId, personId))!.data!
      .ticket as string
  }

  it('confirms a registration by mail with the ticket the phone shows, its short code and the calendar file', async () => {
    const eventId = await newEvent(null)
    const eva = await signUp(t, 'Eva Deltaker')
    await changeAs(t, eva.email, 'registration.register', { eventId, answers: {} })
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(1)
    const [mail] = mailsTo(eva.email)
    expect(mail?.subject).toBe('Du er påmeldt: Fagdag i filosofi')
    const ticket = await phoneTicket(eva.cookie, eventId, eva.id)
    const shortCode = formatShortCode(ticketShortCode(readToken(ticket)!.payload.tid as string))
    expect(mail?.text).toContain(shortCode)
    const image = mail!.attachments.find((a) => a.contentType === 'image/png')!
    // Shown in the HTML part by its cid (the parser turns the reference into the image's data).
    expect(image.cid).toBe('ticket@alumni-network')
    expect(mail?.html).toMatch(/<img[^>]+alt="QR-kode for billetten"/)
    // The code in the mail is the signed ticket itself: the same the door scans on the phone.
    expect(decodeQrPng(image.content)).toBe(ticket)
    const ics = mail!.attachments.find((a) => a.contentType.startsWith('text/calendar'))!
    const vevent = new ICAL.Component(ICAL.parse(ics.content.toString())).getFirstSubcomponent('vevent')!
    expect(vevent.getFirstPropertyValue('uid')).toBe(`${eventId}@alumni-network`)
    expect(vevent.getFirstPropertyValue('summary')).toBe('Fagdag i filosofi')
    // Registering again (an answer changed) confirms nothing twice.
    await changeAs(t, eva.email, 'registration.register', { eventId, answers: {} })
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(0)
  })

  it('puts the ticket in the mail that says a place came free, and confirms nobody who only joined the waitlist', async () => {
    const eventId = await newEvent(1)
    const first = await signUp(t, 'Før Ste')
    const second = await signUp(t, 'Andre Venter')
    await changeAs(t, first.email, 'registration.register', { eventId, answers: {} })
    await changeAs(t, second.email, 'registration.register', { eventId, answers: {} })
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(1)
    expect(mailsTo(second.email)).toEqual([])
    await changeAs(t, first.email, 'registration.cancel', { eventId })
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(1)
    const [promoted] = mailsTo(second.email)
    expect(promoted?.subject).toBe('Du har fått plass på Fagdag i filosofi')
    expect(decodeQrPng(promoted!.attachments.find((a) => a.contentType === 'image/png')!.content)).toBe(
      await phoneTicket(second.cookie, eventId, second.id),
    )
  })

  it('reminds by mail, the day before, only those whose phones get no push', async () => {
    const eventId = await newEvent(null, 20 * 3_600_000)
    const withPush = await signUp(t, 'Pia Push')
    const withoutPush = await signUp(t, 'Mia Mail')
    for (const p of [withPush, withoutPush])
      await changeAs(t, p.email, 'registration.register', { eventId, answers: {} })
    await t.db
      .insertInto('pushSubscription')
      .values({
        id: randomUUID(),
        personId: withPush.id,
        endpoint: `https://push.example/${randomUUID()}`,
        p256dh: 'x',
        auth: 'y',
        label: 'Telefon',
        createdAt: new Date().toISOString(),
        lastSuccessAt: null,
      })
      .execute()
    await sendDueNotices(t.db, mailer, APP)
    const before = smtp.mails.length
    await queueReminders(t.db)
    await queueReminders(t.db)
    expect(await sendDueNotices(t.db, mailer, APP)).toBe(1)
    expect(smtp.mails.slice(before).map((m) => [m.to && 'text' in m.to ? m.to.text : '', m.subject])).toEqual([
      [withoutPush.email, 'I morgen: Fagdag i filosofi'],
    ])
  })

  it('tells an applicant by mail whether staff approved or declined the request', async () => {
    const yes = await signUp(t, 'Jo Ja')
    const no = await signUp(t, 'Nei Nilsen')
    for (const p of [yes, no]) {
      await changeAs(t, p.email, 'education.add', {
        education: {
          id: randomUUID(),
          institutionId: 'uio',
          programme: 'Filosofi',
          degree: 'master',
          status: 'graduated',
          graduationYear: 2020,
          credits: 120,
        },
      })
      expect((await changeAs(t, p.email, 'membership.join', { networkId })).status).toBe('applied')
    }
    expect(await sendDueMembershipNotices(t.db, mailer, APP)).toBe(0)
    await changeAs(t, COORDINATOR, 'membership.decide', {
      membershipId: membershipId(networkId, yes.id),
      approve: true,
    })
    await changeAs(t, COORDINATOR, 'membership.decide', {
      membershipId: membershipId(networkId, no.id),
      approve: false,
    })
    // A refused decision (already decided) queues nothing.
    expect(
      (
        await changeAs(t, COORDINATOR, 'membership.decide', {
          membershipId: membershipId(networkId, no.id),
          approve: true,
        })
      ).status,
    ).toBe('rejected')
    expect(await sendDueMembershipNotices(t.db, mailer, APP)).toBe(2)
    expect(await sendDueMembershipNotices(t.db, mailer, APP)).toBe(0)
    expect(mailsTo(yes.email).map((m) => m.subject)).toEqual(['Velkommen i Alumni i filosofi'])
    expect(mailsTo(yes.email)[0]!.text).toContain(`${APP}/n/mail-${networkId.slice(0, 8)}`)
    expect(mailsTo(no.email).map((m) => m.subject)).toEqual(['Forespørselen til Alumni i filosofi'])
  })
})
