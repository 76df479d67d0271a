import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from '../helpers/liveServer.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { decodeQrIn } from '../helpers/decodeQr.ts'
import { liveChangeAs, liveNetwork, liveSignUp, liveTicketOf } from '../helpers/liveApi.ts'
import { writeQrVideo } from '../helpers/fakeCamera.ts'
import { fromBase64Url, readToken, toBase64Url } from '../../shared/signedToken.ts'
import { formatShortCode, ticketShortCode } from '../../shared/ticketCode.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { PHONE } from '../helpers/phoneTest.ts'

// Everything at this door is made in the app or through its API: the network, the event, the people (ids as the app makes them).
const EVENT = crypto.randomUUID()
const OTHER_EVENT = crypto.randomUUID()
const COORDINATOR = 'koordinator@demo.example'

/** Door check-in on staff phones, offline: tickets, refusals, name search, walk-ins, two phones, the camera, and self check-in. */
describe('check-in at the door, in Chromium', () => {
  let server: LiveServer
  let browser: Browser
  let admin: BrowserContext
  let adminPage: Page
  const tickets: Record<string, string> = {}
  const people: Record<'ola' | 'marte' | 'ingrid' | 'siri' | 'member' | 'absent', { id: string; email: string }> =
    {} as never
  const coordinatorId = labelledId('p-demo-koordinator')

  const checkIns = () =>
    server.database.db
      .selectFrom('checkIn')
      .innerJoin('registration', 'registration.id', 'checkIn.registrationId')
      .select(['registration.personId', 'checkIn.operatorId', 'checkIn.verdict', 'checkIn.method'])
      .where('checkIn.eventId', '=', EVENT)
      .orderBy('checkIn.correctedAt')
      .execute()

  async function staffAtDoor(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await signInAsDemo(page, server.url, email)
    await page.goto(`${server.url}/e/${EVENT}/door`)
    await page
      .getByTestId('kit')
      .getByText(/Skannersett: [1-9]/)
      .waitFor({ timeout: 20_000 })
    await waitForSync(page)
    return { context, page }
  }
  async function typeCode(page: Page, code: string): Promise<{ kind: string | null; text: string }> {
    const verdict = page.getByTestId('verdict')
    const before = (await verdict.count()) ? await verdict.getAttribute('data-at') : null
    await page.getByTestId('ticket-code').fill(code)
    await page.getByRole('button', { name: 'Sjekk koden' }).click()
    // A new verdict, not the one still on screen from the previous code.
    await page.waitForFunction((at) => {
      const shown = document.querySelector('[data-testid="verdict"]')
      return !!shown && shown.getAttribute('data-at') !== at
    }, before)
    return { kind: await verdict.getAttribute('data-kind'), text: (await verdict.textContent())!.trim() }
  }
  async function waitUntilSent(page: Page): Promise<void> {
    await page.getByTestId('pending-count').waitFor({ state: 'detached', timeout: 20_000 })
  }

  beforeAll(async () => {
    server = await startLiveServer()
    browser = await launchChromium()
    const startsAt = new Date(Date.now() + 30 * 60_000).toISOString()
    const names = {
      ola: 'Ola Nordmann',
      marte: 'Marte Kjos Haugen',
      ingrid: 'Ingrid Solberg',
      siri: 'Siri Søker',
      member: 'Mona Medlem',
      absent: 'Are Aldrikom',
    }
    for (const [key, name] of Object.entries(names)) people[key as keyof typeof names] = await liveSignUp(server, name)
    // The faculty's coordinator starts a network; Marte joins it and is put on its board: the second phone at the door.
    const network = await liveNetwork(server, COORDINATOR, 'Filosofi', [people.marte.email])
    await liveChangeAs(server, COORDINATOR, 'membership.setRole', {
      networkId: network.id,
      personId: people.marte.id,
      role: 'board',
    })
    const otherStartsAt = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString()
    await liveChangeAs(server, COORDINATOR, 'event.save', {
      event: {
        id: OTHER_EVENT,
        networkId: network.id,
        type: 'social',
        title: 'Quiz',
        description: '',
        startsAt: otherStartsAt,
        endsAt: otherStartsAt,
        place: 'Café Mir',
        city: 'Oslo',
        capacity: null,
        status: 'published',
        audience: 'open',
      },
    })
    await liveChangeAs(server, COORDINATOR, 'event.save', {
      event: {
        id: EVENT,
        networkId: network.id,
        type: 'fagdag',
        title: 'Fagdag ved døren',
        description: '',
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 4 * 3_600_000).toISOString(),
        place: 'Forskningsparken',
        city: 'Oslo',
        capacity: null,
        status: 'published',
        audience: 'open',
      },
    })
    for (const { email } of [people.ola, people.marte, people.ingrid, people.siri]) {
      await liveChangeAs(server, email, 'registration.register', { eventId: EVENT, answers: {} })
    }
    // A ticket revoked by cancelling and registering again; one for another event.
    tickets.revoked = await liveTicketOf(server, people.ingrid.email, EVENT)
    await liveChangeAs(server, people.ingrid.email, 'registration.cancel', { eventId: EVENT })
    await liveChangeAs(server, people.ingrid.email, 'registration.register', { eventId: EVENT, answers: {} })
    tickets.coordinator = await liveTicketOf(server, people.ingrid.email, EVENT)
    tickets.applicant = await liveTicketOf(server, people.siri.email, EVENT)
    await liveChangeAs(server, people.ola.email, 'registration.register', { eventId: OTHER_EVENT, answers: {} })
    tickets.otherEvent = await liveTicketOf(server, people.ola.email, OTHER_EVENT)
    // The member's own ticket, read from their phone's screen.
    const member = await browser.newContext(PHONE)
    const memberPage = await member.newPage()
    await signInAsDemo(memberPage, server.url, people.ola.email)
    await memberPage.goto(`${server.url}/e/${EVENT}/ticket`)
    tickets.member = await decodeQrIn(memberPage.getByTestId('ticket').getByTestId('qr-code'))
    // The ticket says whose it is, and has a short code to read out when no camera can see the screen.
    expect(await memberPage.getByTestId('ticket-holder').textContent()).toBe('Ola Nordmann')
    tickets.memberShortCode = (await memberPage.getByTestId('ticket-short-code').textContent())!
    expect(tickets.memberShortCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    await member.close()
    // The same signature over a payload with another ticket id: a forgery.
    const [body, signature] = tickets.member.split('.') as [string, string]
    const payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body))) as Record<string, unknown>
    tickets.forged = `${toBase64Url(new TextEncoder().encode(JSON.stringify({ ...payload, tid: '00000000-0000-4000-8000-000000000000' })))}.${signature}`
    ;({ context: admin, page: adminPage } = await staffAtDoor(COORDINATOR))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('checks people in offline by ticket, name and walk-in, refuses bad tickets with the reason, and the server holds exactly those check-ins', async () => {
    expect(await seriousAxeViolations(adminPage)).toEqual([])
    await admin.setOffline(true)
    expect(await typeCode(adminPage, tickets.member!)).toEqual({ kind: 'admit', text: '✓ Velkommen, Ola Nordmann!' })
    expect(await typeCode(adminPage, tickets.member!)).toMatchObject({
      kind: 'duplicate',
      text: expect.stringContaining('Ola Nordmann er allerede sjekket inn'),
    })
    // Read out and typed: the same ticket, found in the kit by its short code.
    expect(await typeCode(adminPage, tickets.memberShortCode!.toLowerCase().replace('-', ' '))).toMatchObject({
      kind: 'duplicate',
      text: expect.stringContaining('Ola Nordmann er allerede sjekket inn'),
    })
    expect(await typeCode(adminPage, 'ZZZZ-ZZZZ')).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('Ukjent billett'),
    })
    expect(await typeCode(adminPage, tickets.forged!)).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('Falsk billett'),
    })
    expect(await typeCode(adminPage, tickets.revoked!)).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('trukket tilbake'),
    })
    expect(await typeCode(adminPage, tickets.otherEvent!)).toMatchObject({
      kind: 'refuse',
      text: expect.stringContaining('annet arrangement'),
    })
    expect(await seriousAxeViolations(adminPage)).toEqual([])

    await adminPage.getByTestId('door-search').fill('marte')
    await adminPage.getByTestId('door-results').getByRole('button', { name: 'Sjekk inn Marte Kjos Haugen' }).click()
    await adminPage
      .getByTestId('door-results')
      .getByText(/Inne fra/)
      .waitFor()
    await adminPage.getByLabel('Navn', { exact: true }).last().fill('Per Gjest')
    await adminPage.getByLabel('E-post').fill('per.gjest@example.org')
    await adminPage.getByRole('button', { name: 'Meld på og sjekk inn' }).click()
    await adminPage.getByText('Per Gjest er meldt på og sjekket inn.').waitFor()
    await expect.poll(() => adminPage.getByTestId('arrivals').locator('strong').textContent()).toBe('3')
    expect(await checkIns()).toEqual([])

    await admin.setOffline(false)
    await waitUntilSent(adminPage)
    const walkIn = await server.database.db
      .selectFrom('walkIn')
      .select('guestPersonId as id')
      .where('email', '=', 'per.gjest@example.org')
      .executeTakeFirstOrThrow()
    expect(await checkIns()).toEqual([
      { personId: people.ola.id, operatorId: coordinatorId, verdict: 'admitted', method: 'scan' },
      { personId: people.marte.id, operatorId: coordinatorId, verdict: 'admitted', method: 'search' },
      { personId: walkIn.id, operatorId: coordinatorId, verdict: 'admitted', method: 'walkIn' },
    ])
  })

  it("lets the owner of a walk-in's address say on Meg that it was them, and the place becomes theirs", async () => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    // Per signs in for the first time with the address staff typed: an account made by his own sign-in.
    await signInAsDemo(page, server.url, 'per.gjest@example.org')
    const claims = page.getByTestId('walk-in-claims')
    await claims.getByText(/som «Per Gjest»/).waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await claims.getByRole('button', { name: 'Ja, det var meg' }).click()
    await claims.getByText('Takk, svaret er lagret.').waitFor()
    await waitUntilSent(page).catch(() => {})
    const per = await server.database.db
      .selectFrom('person')
      .select('id')
      .where('email', '=', 'per.gjest@example.org')
      .executeTakeFirstOrThrow()
    await expect
      .poll(async () => (await checkIns()).filter((c) => c.method === 'walkIn').map((c) => c.personId))
      .toEqual([per.id])
    await context.close()
  })

  it('ends with one admission and one flagged duplicate per ticket when two offline phones scan the same tickets, whichever uploads first', async () => {
    const board = await staffAtDoor(people.marte.email)
    await admin.setOffline(true)
    await board.context.setOffline(true)
    // The coordinator reaches the admin's phone first; the applicant the board member's.
    expect((await typeCode(adminPage, tickets.coordinator!)).kind).toBe('admit')
    expect((await typeCode(board.page, tickets.coordinator!)).kind).toBe('admit')
    expect((await typeCode(board.page, tickets.applicant!)).kind).toBe('admit')
    expect((await typeCode(adminPage, tickets.applicant!)).kind).toBe('admit')
    // The admin's phone uploads first: for the applicant, the later scan arrives first and is overturned.
    await admin.setOffline(false)
    await waitUntilSent(adminPage)
    await board.context.setOffline(false)
    await waitUntilSent(board.page)
    const rows = (await checkIns()).filter((r) => r.personId === people.ingrid.id || r.personId === people.siri.id)
    expect(rows).toEqual(
      expect.arrayContaining([
        { personId: people.ingrid.id, operatorId: coordinatorId, verdict: 'admitted', method: 'scan' },
        { personId: people.ingrid.id, operatorId: people.marte.id, verdict: 'duplicate', method: 'scan' },
        { personId: people.siri.id, operatorId: people.marte.id, verdict: 'admitted', method: 'scan' },
        { personId: people.siri.id, operatorId: coordinatorId, verdict: 'duplicate', method: 'scan' },
      ]),
    )
    expect(rows).toHaveLength(4)
    // Both phones, still open, hear of the other's scans: the same count and the duplicates shown.
    for (const page of [adminPage, board.page]) {
      await expect
        .poll(() => page.getByTestId('arrivals').locator('strong').textContent(), { timeout: 20_000 })
        .toBe('5')
      await expect
        .poll(() => page.getByTestId('flagged').locator('[data-verdict="duplicate"]').count(), { timeout: 20_000 })
        .toBe(2)
    }
    await board.context.close()
  })

  it('reads a ticket through the phone camera with the WebAssembly decoder the app serves itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alumni-camera-'))
    const video = join(dir, 'ticket.y4m')
    writeQrVideo(tickets.applicant!, video)
    // Chromium's fake camera plays the video: a stand-in for a phone held over a ticket.
    const cameraBrowser = await launchChromium({
      args: [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
    try {
      const context = await cameraBrowser.newContext({ ...PHONE, permissions: ['camera'] })
      const page = await context.newPage()
      const foreign: string[] = []
      page.on('request', (request) => {
        if (!request.url().startsWith(server.url)) foreign.push(request.url())
      })
      await signInAsDemo(page, server.url, COORDINATOR)
      await page.goto(`${server.url}/e/${EVENT}/door`)
      await page
        .getByTestId('kit')
        .getByText(/Skannersett: [1-9]/)
        .waitFor({ timeout: 20_000 })
      await page.getByTestId('camera-toggle').click()
      const verdict = page.getByTestId('verdict')
      await verdict.waitFor({ timeout: 20_000 })
      expect(await verdict.textContent()).toContain('Siri Søker er allerede sjekket inn')
      // Headless Chromium has no BarcodeDetector: the WebAssembly decoder read it, fetched from this server.
      expect(await page.getByTestId('camera').locator('[data-decoder]').getAttribute('data-decoder')).toBe('wasm')
      expect(foreign).toEqual([])
      expect(await seriousAxeViolations(page)).toEqual([])
    } finally {
      await cameraBrowser.close()
    }
  })

  it('lets an attendee check themself in with the venue code on the door screen, then rate the event; staff see the rate and the rating', async () => {
    const { member, absent } = people
    // One more registers and never comes: the rate counts them.
    for (const person of [member, absent])
      await liveChangeAs(server, person.email, 'registration.register', { eventId: EVENT, answers: {} })
    await adminPage.goto(`${server.url}/e/${EVENT}/venue`)
    const venueUrl = await decodeQrIn(adminPage.getByTestId('venue-code').getByTestId('qr-code'))
    expect(venueUrl).toMatch(new RegExp(`^${server.url}/checkin#`))
    expect(await seriousAxeViolations(adminPage)).toEqual([])

    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await signInAsDemo(page, server.url, member.email)
    // Their phone has the event and their place (as after any earlier visit), and the app is installed for offline use.
    await page.goto(`${server.url}/e/${EVENT}`)
    await page.getByTestId('ticket-link').waitFor({ timeout: 20_000 })
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await context.setOffline(true)
    await page.goto(venueUrl)
    await page
      .getByTestId('self-check-in-done')
      .waitFor({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        throw new Error(`self check-in page says: ${await page.locator('main').textContent()}`, { cause: error })
      })
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByRole('link', { name: 'Til arrangementet' }).click()
    await page.getByTestId('checked-in').waitFor()
    await page.getByLabel('5 – svært bra').check()
    await page.getByLabel('Kommentar (valgfritt)').fill('Lærerikt og godt organisert')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByText(/Takk for tilbakemeldingen/).waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await context.setOffline(false)
    await waitUntilSent(page)
    expect((await checkIns()).filter((r) => r.personId === member.id)).toEqual([
      { personId: member.id, operatorId: member.id, verdict: 'admitted', method: 'self' },
    ])
    await context.close()

    await adminPage.goto(`${server.url}/e/${EVENT}/attendance`)
    await expect
      .poll(() => adminPage.getByTestId('attendance-rate').textContent(), { timeout: 20_000 })
      .toBe('6 av 7 kom (86 %)')
    await adminPage.getByTestId('feedback-summary').getByText('1 svar, snitt 5 av 5').waitFor()
    const [download] = await Promise.all([
      adminPage.waitForEvent('download'),
      adminPage.getByTestId('attendance-csv').click(),
    ])
    expect(download.suggestedFilename()).toBe(`attendance-${EVENT}.csv`)
    expect(await seriousAxeViolations(adminPage)).toEqual([])
  })
  it('tells the door phone at once, by name, when the server refuses a check-in it let through offline', async () => {
    const late = await liveSignUp(server, 'Lise Sent')
    await liveChangeAs(server, late.email, 'registration.register', { eventId: EVENT, answers: {} })
    const ticket = await liveTicketOf(server, late.email, EVENT)
    const board = await staffAtDoor(people.marte.email)
    await board.context.setOffline(true)
    // While her phone is offline, Marte leaves the board: the phone still has the kit and lets Lise in.
    const networkId = (
      await server.database.db.selectFrom('event').select('networkId').where('id', '=', EVENT).executeTakeFirstOrThrow()
    ).networkId
    await liveChangeAs(server, COORDINATOR, 'membership.setRole', {
      networkId,
      personId: people.marte.id,
      role: 'member',
    })
    // Lise reads her short code out (her phone's camera view is cracked): judged like a scan.
    const shortCode = formatShortCode(ticketShortCode(readToken(ticket)!.payload.tid as string))
    expect(await typeCode(board.page, shortCode)).toEqual({ kind: 'admit', text: '✓ Velkommen, Lise Sent!' })
    await board.context.setOffline(false)
    const refused = board.page.getByTestId('refused-check-ins')
    await refused.waitFor({ timeout: 20_000 })
    expect(await refused.getAttribute('role')).toBe('alert')
    expect(await refused.textContent()).toMatch(/Serveren godtok ikke 1 innsjekking.*Lise Sent: /s)
    expect((await checkIns()).filter((r) => r.personId === late.id)).toEqual([])
    await board.context.close()
  })
})
