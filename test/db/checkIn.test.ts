import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, pullEverything, type TestApp } from '../helpers/testApp.ts'
import { mailerTo, startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import { fromEvent } from '../../server/features/events/rows.ts'
import { EventSchema } from '../../shared/schemas/event.ts'
import { registrationId } from '../../shared/ids.ts'
import { AttendeeSchema, CheckInSchema, VenueCodesSchema } from '../../shared/schemas/checkIn.ts'
import { sendDueNotices } from '../../server/features/events/notices.ts'
import { signVenueCodes } from '../../server/features/checkIn/venueCodes.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const ADMIN = 'admin@demo.example'
const BOARD = 'styre@demo.example'
const ALUMN = 'alumn@demo.example'
const MINUTE = 60_000

/** Check-in at the door: scans appended from several phones, classified by corrected time, walk-ins, self check-in, and what comes after. */
describe.each(TEST_DATABASES)('check-in on %s', (kind) => {
  let t: TestApp
  let smtp: SmtpCapture
  const iso = (ms: number) => new Date(ms).toISOString()

  /** A published event of X-IMK starting `startsInMs` from now, two hours long. */
  async function eventStarting(id: string, startsInMs: number, capacity: number | null = null) {
    const startsAt = iso(Date.now() + startsInMs)
    await t.db
      .insertInto('event')
      .values(
        fromEvent(
          EventSchema.parse({
            id,
            networkId: labelledId('net-ximk'),
            type: 'fagdag',
            title: `Fagdag ${id}`,
            description: '',
            startsAt,
            endsAt: iso(Date.parse(startsAt) + 120 * MINUTE),
            place: 'Gaustad',
            city: 'Oslo',
            capacity,
            status: 'published',
            audience: 'open',
          }),
        ),
      )
      .execute()
  }
  async function register(email: string, eventId: string) {
    expect((await changeAs(t, email, 'registration.register', { eventId, answers: {} })).status).toBe('applied')
  }
  const scan = (eventId: string, personId: string, scannedAt: string, deviceId = 'door-1') => ({
    id: randomUUID(),
    eventId,
    registrationId: registrationId(eventId, personId),
    deviceId,
    scannedAt,
    method: 'scan' as const,
  })
  const verdicts = (eventId: string) =>
    t.db
      .selectFrom('checkIn')
      .select(['id', 'registrationId', 'verdict', 'deviceId', 'method'])
      .where('eventId', '=', eventId)
      .orderBy('correctedAt')
      .execute()

  beforeAll(async () => {
    smtp = await startSmtpCapture()
    t = await createTestApp(kind, { members: 0, smtpUrl: smtp.url })
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  it('admits a scanned ticket once, shows staff the attendee list and arrivals, and tells the attendee they are in', async () => {
    await eventStarting(labelledId('ev-door'), 30 * MINUTE)
    await register(ALUMN, labelledId('ev-door'))
    const first = scan(labelledId('ev-door'), labelledId('p-demo-alumn'), iso(Date.now()))
    expect((await changeAs(t, ADMIN, 'checkIn.record', { scan: first })).status).toBe('applied')
    // The same scan uploaded again (a lost answer, a retry from another queue) is kept once.
    expect((await changeAs(t, ADMIN, 'checkIn.record', { scan: first })).status).toBe('applied')
    expect(await verdicts(labelledId('ev-door'))).toMatchObject([{ id: first.id, verdict: 'admitted' }])

    const staff = await pullEverything(t, await t.signIn(ADMIN))
    const attendee = AttendeeSchema.parse(
      staff.changes.find(
        (c) => c.entity === 'attendee' && c.id === registrationId(labelledId('ev-door'), labelledId('p-demo-alumn')),
      )!.data,
    )
    expect(attendee).toMatchObject({ name: 'Ola Nordmann', status: 'registered', ticketSerial: 0 })
    expect(
      CheckInSchema.parse(staff.changes.find((c) => c.entity === 'checkIn' && c.id === first.id)!.data),
    ).toMatchObject({ verdict: 'admitted', networkId: labelledId('net-ximk') })
    // A member does not get the attendee list or the check-ins, only their own registration, now saying they are in.
    const own = await pullEverything(t, await t.signIn(ALUMN))
    expect(own.changes.some((c) => c.entity === 'attendee' || c.entity === 'checkIn')).toBe(false)
    expect(own.changes.find((c) => c.entity === 'registration' && c.id === attendee.id)!.data).toMatchObject({
      checkedInAt: expect.any(String),
    })
  })

  it('ends with one admission and one duplicate when two offline phones scanned the same ticket, whichever uploads first', async () => {
    await eventStarting(labelledId('ev-two-phones'), 30 * MINUTE)
    await register(ALUMN, labelledId('ev-two-phones'))
    await register(BOARD, labelledId('ev-two-phones'))
    const base = Date.now() - 10 * MINUTE
    // Phone B's clock runs two minutes fast: by its own clock it scanned later, by the server's it scanned first.
    const skewB = 2 * MINUTE
    const outcome: Record<string, string>[] = []
    for (const [person, order] of [
      [labelledId('p-demo-alumn'), ['A', 'B']],
      [labelledId('p-demo-board'), ['B', 'A']],
    ] as const) {
      const scans = {
        A: scan(labelledId('ev-two-phones'), person, iso(base + 30_000), 'phone-a'),
        B: scan(labelledId('ev-two-phones'), person, iso(base + skewB + 20_000), 'phone-b'),
      }
      for (const phone of order) {
        const result = await changeAs(
          t,
          ADMIN,
          'checkIn.record',
          { scan: scans[phone] },
          { sentAt: iso(Date.now() + (phone === 'B' ? skewB : 0)) },
        )
        expect(result.status).toBe('applied')
      }
      const rows = (await verdicts(labelledId('ev-two-phones'))).filter(
        (r) => r.registrationId === registrationId(labelledId('ev-two-phones'), person),
      )
      outcome.push(Object.fromEntries(rows.map((r) => [r.deviceId, r.verdict])))
    }
    expect(outcome).toEqual([
      { 'phone-b': 'admitted', 'phone-a': 'duplicate' },
      { 'phone-b': 'admitted', 'phone-a': 'duplicate' },
    ])
  })

  it('ends with one admission when two phones upload scans of one ticket at the same moment', async () => {
    await eventStarting(labelledId('ev-race-door'), 30 * MINUTE)
    await register(ALUMN, labelledId('ev-race-door'))
    const at = iso(Date.now() - MINUTE)
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        changeAs(t, ADMIN, 'checkIn.record', {
          scan: scan(labelledId('ev-race-door'), labelledId('p-demo-alumn'), at, `phone-${n}`),
        }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied'])
    expect((await verdicts(labelledId('ev-race-door'))).map((r) => r.verdict).sort()).toEqual([
      'admitted',
      'duplicate',
      'duplicate',
      'duplicate',
    ])
  })

  it('records a scan of a ticket cancelled before the upload as invalid, and refuses members and tickets of other events', async () => {
    await eventStarting(labelledId('ev-cancelled-ticket'), 30 * MINUTE)
    await register(ALUMN, labelledId('ev-cancelled-ticket'))
    expect(
      (await changeAs(t, ALUMN, 'registration.cancel', { eventId: labelledId('ev-cancelled-ticket') })).status,
    ).toBe('applied')
    expect(
      (
        await changeAs(t, ADMIN, 'checkIn.record', {
          scan: scan(labelledId('ev-cancelled-ticket'), labelledId('p-demo-alumn'), iso(Date.now())),
        })
      ).status,
    ).toBe('applied')
    expect(await verdicts(labelledId('ev-cancelled-ticket'))).toMatchObject([{ verdict: 'invalid' }])

    const byMember = await changeAs(t, ALUMN, 'checkIn.record', {
      scan: scan(labelledId('ev-door'), labelledId('p-demo-alumn'), iso(Date.now())),
    })
    expect(byMember.problem?.type).toMatch(/forbidden/)
    const wrongEvent = await changeAs(t, ADMIN, 'checkIn.record', {
      scan: {
        ...scan(labelledId('ev-door'), labelledId('p-demo-alumn'), iso(Date.now())),
        registrationId: registrationId(labelledId('ev-two-phones'), labelledId('p-demo-alumn')),
      },
    })
    expect(wrongEvent.problem?.errors?.[0]?.path).toEqual(['args', 'scan', 'registrationId'])
  })

  it('registers and admits a walk-in at the door, past capacity, as a guest entry under what staff typed: no account is made', async () => {
    await eventStarting(labelledId('ev-walk-in'), 30 * MINUTE, 1)
    await register(ALUMN, labelledId('ev-walk-in'))
    const walkIn = {
      id: randomUUID(),
      eventId: labelledId('ev-walk-in'),
      deviceId: 'door-1',
      scannedAt: iso(Date.now()),
      name: 'Per Gjest',
      email: 'Per.Gjest@Example.org',
    }
    expect((await changeAs(t, ADMIN, 'checkIn.walkIn', { walkIn })).status).toBe('applied')
    expect(await t.db.selectFrom('person').select('id').where('email', '=', 'per.gjest@example.org').execute()).toEqual(
      [],
    )
    const entry = await t.db
      .selectFrom('walkIn')
      .innerJoin('person', 'person.id', 'walkIn.guestPersonId')
      .select(['person.id', 'person.name', 'person.isGuest', 'person.email'])
      .where('walkIn.id', '=', walkIn.id)
      .executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ name: 'Per Gjest', isGuest: 1, email: expect.stringMatching(/@walk-in\.invalid$/) })
    expect(await verdicts(labelledId('ev-walk-in'))).toMatchObject([
      { registrationId: registrationId(labelledId('ev-walk-in'), entry.id), verdict: 'admitted', method: 'walkIn' },
    ])
    expect(
      await t.db
        .selectFrom('event')
        .select(['registeredCount'])
        .where('id', '=', labelledId('ev-walk-in'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ registeredCount: 2 })
  })

  it('tells staff nothing about whose account an address is, and moves the place to the account only when its owner says it was them', async () => {
    await eventStarting(labelledId('ev-walk-in-2'), 30 * MINUTE)
    const staff = await t.signIn(ADMIN)
    // Staff type the board member's address under another name: the door shows what they typed.
    const walkIn = {
      id: randomUUID(),
      eventId: labelledId('ev-walk-in-2'),
      deviceId: 'door-1',
      scannedAt: iso(Date.now()),
      name: 'Hvem Som Helst',
      email: BOARD,
    }
    expect((await changeAs(t, ADMIN, 'checkIn.walkIn', { walkIn })).status).toBe('applied')
    const attendees = (await pullEverything(t, staff)).changes.filter(
      (c) => c.entity === 'attendee' && (c.data as { eventId: string } | null)?.eventId === labelledId('ev-walk-in-2'),
    )
    expect(attendees.map((a) => (a.data as { name: string }).name)).toEqual(['Hvem Som Helst'])
    const board = await t.db
      .selectFrom('person')
      .select(['id', 'name'])
      .where('email', '=', BOARD)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(attendees)).not.toContain(board.name)
    expect(JSON.stringify(attendees)).not.toContain(board.id)

    // The owner of the address sees it on Meg; nobody else does.
    expect(await (await t.request('/api/me/walk-ins', { cookie: staff })).json()).toEqual([])
    const boardCookie = await t.signIn(BOARD)
    const pending = await (await t.request('/api/me/walk-ins', { cookie: boardCookie })).json()
    expect(pending).toEqual([
      expect.objectContaining({ id: walkIn.id, name: 'Hvem Som Helst', eventId: labelledId('ev-walk-in-2') }),
    ])
    expect((await changeAs(t, ADMIN, 'walkIn.decide', { walkInId: walkIn.id, isMine: true })).problem?.type).toMatch(
      /not-found/,
    )
    expect((await changeAs(t, BOARD, 'walkIn.decide', { walkInId: walkIn.id, isMine: true })).status).toBe('applied')
    expect(await (await t.request('/api/me/walk-ins', { cookie: boardCookie })).json()).toEqual([])
    expect(await verdicts(labelledId('ev-walk-in-2'))).toMatchObject([
      { registrationId: registrationId(labelledId('ev-walk-in-2'), board.id), verdict: 'admitted', method: 'walkIn' },
    ])
    const own = (await pullEverything(t, boardCookie)).changes.find(
      (c) => c.entity === 'registration' && c.id === registrationId(labelledId('ev-walk-in-2'), board.id),
    )
    expect(own?.data).toMatchObject({ status: 'registered', checkedInAt: expect.any(String) })
    expect(
      await t.db
        .selectFrom('person')
        .select('id')
        .where('isGuest', '=', 1)
        .where('name', '=', 'Hvem Som Helst')
        .execute(),
    ).toEqual([])
    expect(
      await t.db
        .selectFrom('event')
        .select(['registeredCount'])
        .where('id', '=', labelledId('ev-walk-in-2'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ registeredCount: 1 })

    // "It was not me": the guest entry stays, under what staff typed.
    const other = { ...walkIn, id: randomUUID(), name: 'Noen Andre' }
    expect((await changeAs(t, ADMIN, 'checkIn.walkIn', { walkIn: other })).status).toBe('applied')
    expect((await changeAs(t, BOARD, 'walkIn.decide', { walkInId: other.id, isMine: false })).status).toBe('applied')
    const kept = await t.db
      .selectFrom('walkIn')
      .innerJoin('person', 'person.id', 'walkIn.guestPersonId')
      .select(['person.name', 'walkIn.decision'])
      .where('walkIn.id', '=', other.id)
      .executeTakeFirstOrThrow()
    expect(kept).toEqual({ name: 'Noen Andre', decision: 'notMine' })
  })

  it("lets an attendee check themself in with the current venue code, once, and only in the event's window", async () => {
    await eventStarting(labelledId('ev-self'), 30 * MINUTE)
    await eventStarting(labelledId('ev-self-later'), 5 * 86_400_000)
    await register(ALUMN, labelledId('ev-self'))
    await register(ALUMN, labelledId('ev-self-later'))
    const adminCookie = await t.signIn(ADMIN)
    const codes = VenueCodesSchema.parse(
      await (await t.request(`/api/events/${labelledId('ev-self')}/venue-codes`, { cookie: adminCookie })).json(),
    ).codes
    expect(codes).toHaveLength(60)
    const now = codes[0]!
    const memberCodes = await t.request(`/api/events/${labelledId('ev-self')}/venue-codes`, {
      cookie: await t.signIn(ALUMN),
    })
    expect(memberCodes.status).toBe(403)

    const selfCheckIn = (eventId: string, venueCode: string, scannedAt = iso(Date.now())) =>
      changeAs(t, ALUMN, 'checkIn.self', { checkIn: { id: randomUUID(), eventId, venueCode, scannedAt } })
    expect((await selfCheckIn(labelledId('ev-self-later'), now.url)).problem?.detail).toMatch(/not the venue code/)
    // A signature changed in its middle (the last character of base64url carries padding bits that change nothing).
    const forged = now.url.slice(0, -20) + (now.url.at(-20) === 'A' ? 'B' : 'A') + now.url.slice(-19)
    expect((await selfCheckIn(labelledId('ev-self'), forged)).problem?.detail).toMatch(/not the venue code/)
    expect((await selfCheckIn(labelledId('ev-self'), now.url, iso(Date.now() - 10 * MINUTE))).problem?.detail).toMatch(
      /expired/,
    )
    expect((await selfCheckIn(labelledId('ev-self'), now.url)).status).toBe('applied')
    expect((await selfCheckIn(labelledId('ev-self'), now.url)).status).toBe('applied')
    expect(await verdicts(labelledId('ev-self'))).toMatchObject([{ verdict: 'admitted', method: 'self' }])

    const laterCodes = VenueCodesSchema.parse(
      await (await t.request(`/api/events/${labelledId('ev-self-later')}/venue-codes`, { cookie: adminCookie })).json(),
    ).codes
    expect((await selfCheckIn(labelledId('ev-self-later'), laterCodes[0]!.url)).problem?.detail).toMatch(/hour before/)
  })

  it('refuses a venue code back-dated past a plausible offline window, and takes one scanned offline a few minutes ago', async () => {
    await eventStarting(labelledId('ev-self-old'), 30 * MINUTE)
    await eventStarting(labelledId('ev-self-offline'), 30 * MINUTE)
    await register(ALUMN, labelledId('ev-self-old'))
    await register(ALUMN, labelledId('ev-self-offline'))
    // A code photographed twenty minutes ago, sent now with a scan time inside its minute.
    const [old] = (
      await signVenueCodes(t.db, labelledId('ev-self-old'), 'http://localhost', new Date(Date.now() - 20 * MINUTE), 1)
    ).codes
    const backDated = await changeAs(
      t,
      ALUMN,
      'checkIn.self',
      {
        checkIn: {
          id: randomUUID(),
          eventId: labelledId('ev-self-old'),
          venueCode: old!.url,
          scannedAt: iso(Date.parse(old!.nbf) + 30_000),
        },
      },
      { sentAt: iso(Date.now()) },
    )
    expect(backDated.problem?.detail).toMatch(/too long ago/)
    // A phone without reception at the door, which uploads five minutes later.
    const [recent] = (
      await signVenueCodes(
        t.db,
        labelledId('ev-self-offline'),
        'http://localhost',
        new Date(Date.now() - 5 * MINUTE),
        1,
      )
    ).codes
    const offline = await changeAs(
      t,
      ALUMN,
      'checkIn.self',
      {
        checkIn: {
          id: randomUUID(),
          eventId: labelledId('ev-self-offline'),
          venueCode: recent!.url,
          scannedAt: iso(Date.parse(recent!.nbf) + 30_000),
        },
      },
      { sentAt: iso(Date.now()) },
    )
    expect(offline.status).toBe('applied')
  })

  it('exports who came as CSV (logged), asks those who came for feedback by mail, and shows the ratings without names', async () => {
    const adminCookie = await t.signIn(ADMIN)
    const csv = await t.request(`/api/events/${labelledId('ev-door')}/attendance.csv`, { cookie: adminCookie })
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
    expect(rows).toEqual([
      expect.objectContaining({
        name: 'Ola Nordmann',
        status: 'registered',
        check_in_method: 'scan',
        duplicate_scans: '0',
        checked_in_at: expect.stringMatching(/^\d{4}-/),
      }),
    ])
    expect(
      await t.db.selectFrom('auditLog').select('action').where('action', '=', 'event.attendanceExport').execute(),
    ).toHaveLength(1)
    expect(
      (await t.request(`/api/events/${labelledId('ev-door')}/attendance.csv`, { cookie: await t.signIn(ALUMN) }))
        .status,
    ).toBe(403)

    // The registrations' confirmations go first, so what follows is the feedback request alone.
    await sendDueNotices(t.db, mailerTo(smtp, t.db), 'http://localhost')
    const sent = await (
      await t.request(`/api/events/${labelledId('ev-door')}/feedback-requests`, { method: 'POST', cookie: adminCookie })
    ).json()
    expect(sent).toEqual({ sent: 1 })
    // Queued in the request, mailed by the notice worker.
    expect(await sendDueNotices(t.db, mailerTo(smtp, t.db), 'http://localhost')).toBe(1)
    let mail = await smtp.next()
    while (!mail.subject?.startsWith('Hva syntes du')) mail = await smtp.next()
    expect(mail.to).toMatchObject({ text: ALUMN })
    expect(mail.subject).toContain(`Fagdag ${labelledId('ev-door')}`)
    expect(mail.text).toContain(`/e/${labelledId('ev-door')}#feedback`)

    expect(
      (
        await changeAs(t, BOARD, 'feedback.give', {
          eventId: labelledId('ev-door'),
          rating: 5,
          comment: 'Var ikke der',
        })
      ).problem?.type,
    ).toMatch(/forbidden/)
    expect(
      (await changeAs(t, ALUMN, 'feedback.give', { eventId: labelledId('ev-door'), rating: 3, comment: '' })).status,
    ).toBe('applied')
    expect(
      (
        await changeAs(t, ALUMN, 'feedback.give', {
          eventId: labelledId('ev-door'),
          rating: 4,
          comment: 'Gode innlegg',
        })
      ).status,
    ).toBe('applied')
    const summary = await (
      await t.request(`/api/events/${labelledId('ev-door')}/feedback`, { cookie: adminCookie })
    ).json()
    expect(summary).toEqual({
      responses: 1,
      average: 4,
      ratings: [0, 0, 0, 1, 0],
      comments: [{ rating: 4, comment: 'Gode innlegg', createdAt: expect.any(String) }],
    })
    expect(JSON.stringify(summary)).not.toMatch(/Ola/)
    expect(JSON.stringify(summary)).not.toContain(labelledId('p-demo-alumn'))
    // Once answered, no second request.
    expect(
      await (
        await t.request(`/api/events/${labelledId('ev-door')}/feedback-requests`, {
          method: 'POST',
          cookie: adminCookie,
        })
      ).json(),
    ).toEqual({ sent: 0 })
  })
})
