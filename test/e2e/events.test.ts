import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from '../helpers/liveServer.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo } from '../helpers/pages.ts'
import { liveChangeAs, liveNetwork, liveSignUp } from '../helpers/liveApi.ts'
import { decodeQrIn } from '../helpers/decodeQr.ts'
import { PublicKeysSchema } from '../../shared/schemas/card.ts'
import { TicketPayloadSchema } from '../../shared/schemas/event.ts'
import { fromBase64Url, verifyToken } from '../../shared/signedToken.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { PHONE } from '../helpers/phoneTest.ts'

/** Registering for events on a phone: offline through the outbox, and the waitlist's promotion. */
describe('event registration, in Chromium', () => {
  let server: LiveServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  // Made through the app's API, as in real use: a network, its events, and the people registering.
  const FAGDAG = crypto.randomUUID()
  const QUIZ = crypto.randomUUID()
  let eva: { id: string; email: string }
  let other: { id: string; email: string }

  beforeAll(async () => {
    server = await startLiveServer()
    browser = await launchChromium()
    eva = await liveSignUp(server, 'Eva Deltaker')
    other = await liveSignUp(server, 'Otto Annen')
    const network = await liveNetwork(server, 'koordinator@demo.example', 'Filosofi', [eva.email])
    const at = (days: number) => new Date(Date.now() + days * 24 * 3_600_000).toISOString()
    const event = {
      networkId: network.id,
      description: '',
      place: 'Georg Morgenstiernes hus',
      city: 'Oslo',
      status: 'published',
    }
    await liveChangeAs(server, 'koordinator@demo.example', 'event.save', {
      event: {
        ...event,
        id: FAGDAG,
        type: 'fagdag',
        title: 'Fagdag i filosofi',
        startsAt: at(3),
        endsAt: at(3.2),
        capacity: 100,
        audience: 'members',
        questions: [{ id: 'diet', label: 'Allergier eller spesielle hensyn til maten?', isRequired: false }],
      },
    })
    await liveChangeAs(server, 'koordinator@demo.example', 'event.save', {
      event: {
        ...event,
        id: QUIZ,
        type: 'social',
        title: 'Filosofiquiz',
        startsAt: at(5),
        endsAt: at(5.1),
        capacity: 1,
        audience: 'open',
      },
    })
    context = await browser.newContext(PHONE)
    page = await context.newPage()
    await signInAsDemo(page, server.url, eva.email)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const changeAs = (email: string, name: string, args: unknown) => liveChangeAs(server, email, name, args)
  const registrationOf = (personId: string, eventId: string) =>
    server.database.db
      .selectFrom('registration')
      .select(['status', 'answers'])
      .where('personId', '=', personId)
      .where('eventId', '=', eventId)
      .executeTakeFirst()

  it('registers offline with an answer, and the server holds it once back online', async () => {
    await page.goto(`${server.url}/events`)
    await page
      .getByRole('link', { name: /Fagdag i filosofi/ })
      .first()
      .click()
    await page
      .getByTestId('event-page')
      .getByRole('heading', { level: 1, name: /Fagdag i filosofi/ })
      .waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await context.setOffline(true)
    await page.getByLabel('Allergier eller spesielle hensyn til maten? (valgfritt)').fill('Nøtteallergi')
    await page.getByRole('button', { name: 'Meld meg på' }).click()
    await page.getByText('Du er påmeldt.').waitFor()
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 venter')
    await context.setOffline(false)
    await page.getByTestId('pending-count').waitFor({ state: 'detached' })
    expect(await registrationOf(eva.id, FAGDAG)).toEqual({
      status: 'registered',
      answers: JSON.stringify({ diet: 'Nøtteallergi' }),
    })
    // The ticket, offline: the QR code read from the screen is the server's signed ticket.
    await page.getByTestId('ticket-link').click()
    await page.getByTestId('ticket').getByTestId('qr-code').waitFor()
    await context.setOffline(true)
    await page.reload()
    const code = await decodeQrIn(page.getByTestId('ticket').getByTestId('qr-code'))
    const { keys } = PublicKeysSchema.parse(await (await fetch(`${server.url}/api/keys`)).json())
    const ticket = TicketPayloadSchema.parse(
      await verifyToken(code, Object.fromEntries(keys.map((k) => [k.kid, fromBase64Url(k.publicKey)]))),
    )
    expect(ticket.eid).toBe(FAGDAG)
    expect(await seriousAxeViolations(page)).toEqual([])
    await context.setOffline(false)
    await page.goBack()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('add-to-calendar').click()])
    expect(download.suggestedFilename()).toBe(`${FAGDAG}.ics`)
    await page.goto(`${server.url}/events`)
    await page.getByTestId('my-events').getByText('Påmeldt').waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    // Events in other cities (NHH's): one city at a time.
    await page.getByTestId('events-city').selectOption('Bergen')
    await page.getByRole('link', { name: /Alumnikonferansen/ }).waitFor()
    expect(await page.getByRole('link', { name: /Alumnipils i Oslo/ }).count()).toBe(0)
    await page.getByTestId('events-city').selectOption('')
    await page.getByRole('link', { name: /Alumnipils i Oslo/ }).waitFor()
    // The personal feed holds the event the person registered for.
    await page.getByText('Arrangementene mine i kalenderen').click()
    await page.getByRole('button', { name: 'Lag kalenderadresse' }).click()
    const feedUrl = await page.getByTestId('feed-url').inputValue()
    expect(await (await fetch(feedUrl)).text()).toContain(`UID:${FAGDAG}@alumni-network`)
    expect(await page.getByRole('link', { name: 'Abonner i kalenderen' }).getAttribute('href')).toMatch(/^webcal:\/\//)
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('puts a person on the waitlist when the event is full, and gives them the place when someone cancels', async () => {
    await changeAs(other.email, 'registration.register', { eventId: QUIZ, answers: {} })
    await page.goto(`${server.url}/e/${QUIZ}`)
    await page.getByTestId('places-left').getByText('Fullt', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Sett meg på venteliste' }).click()
    await page.getByText('Du står på venteliste.').waitFor()
    await expect.poll(async () => (await registrationOf(eva.id, QUIZ))?.status, { timeout: 15_000 }).toBe('waitlisted')

    await changeAs(other.email, 'registration.cancel', { eventId: QUIZ })
    // The server's hint brings the promotion to the phone.
    await page.getByText('Du har fått plass fra ventelisten!').waitFor({ timeout: 20_000 })
    expect((await registrationOf(eva.id, QUIZ))?.status).toBe('registered')

    await context.setOffline(true)
    page.once('dialog', (dialog) => {
      void dialog.accept()
    })
    await page.getByRole('button', { name: 'Meld meg av' }).click()
    await page.getByText('Du er påmeldt.').waitFor({ state: 'detached' })
    await context.setOffline(false)
    await expect.poll(async () => (await registrationOf(eva.id, QUIZ))?.status, { timeout: 15_000 }).toBe('cancelled')
  })

  it('lets staff create an event offline, as a draft first, then publish it for members to see', async () => {
    // A phone set to New York: the form's times are still Oslo's, as every page shows them.
    const staff = await browser.newContext({
      ...PHONE,
      timezoneId: 'America/New_York',
    })
    const staffPage = await staff.newPage()
    await signInAsDemo(staffPage, server.url, 'admin@demo.example')
    await staffPage.goto(`${server.url}/n/x-imk`)
    await staffPage.getByRole('link', { name: 'Nytt arrangement' }).click()
    await staffPage.getByRole('heading', { level: 1, name: 'Nytt arrangement i X-IMK' }).waitFor()
    await staff.setOffline(true)
    await staffPage.getByLabel('Type', { exact: true }).selectOption('lecture')
    await staffPage.getByLabel('Tittel', { exact: true }).fill('Alumniforelesning om journalistikk')
    await staffPage.getByLabel('Starter', { exact: true }).fill('2027-03-10T18:00')
    await staffPage.getByLabel('Slutter', { exact: true }).fill('2027-03-10T17:00')
    await staffPage.getByRole('button', { name: 'Lagre som utkast' }).click()
    await staffPage.getByText('Arrangementet kan ikke slutte før det starter.').waitFor()
    await staffPage.getByLabel('Slutter', { exact: true }).fill('2027-03-10T20:00')
    await staffPage.getByLabel('Antall plasser (tomt: ubegrenset)').fill('80')
    await staffPage.getByLabel('Sted', { exact: true }).fill('Georg Sverdrups hus')
    await staffPage.getByLabel('By', { exact: true }).fill('Oslo')
    await staffPage.getByRole('button', { name: 'Legg til et programpunkt' }).click()
    await staffPage.getByLabel('Klokkeslett, punkt 1').fill('18:30')
    await staffPage.getByLabel('Tittel, punkt 1').fill('Journalistikk og makt')
    await staffPage.getByLabel('Innleder, punkt 1 (valgfritt)').fill('Kari Nordmann, NRK')
    expect(await seriousAxeViolations(staffPage)).toEqual([])
    await staffPage.getByRole('button', { name: 'Lagre som utkast' }).click()
    await staffPage.getByText('Utkast: bare styret og de ansatte ser dette arrangementet.').waitFor()
    await staffPage.getByRole('link', { name: 'Endre' }).click()
    expect(await staffPage.getByLabel('Starter', { exact: true }).inputValue()).toBe('2027-03-10T18:00')
    await staffPage.getByRole('button', { name: 'Publiser' }).click()
    await staffPage
      .getByTestId('event-page')
      .getByRole('heading', { name: 'Alumniforelesning om journalistikk' })
      .waitFor()
    await staff.setOffline(false)
    await expect
      .poll(
        async () =>
          server.database.db
            .selectFrom('event')
            .select(['status', 'startsAt', 'capacity'])
            .where('title', '=', 'Alumniforelesning om journalistikk')
            .execute(),
        { timeout: 15_000 },
      )
      .toEqual([{ status: 'published', startsAt: '2027-03-10T17:00:00.000Z', capacity: 80 }])
    await staff.close()
    // A member's phone gets it at the next sync.
    await page.goto(`${server.url}/events`)
    await page.getByRole('link', { name: /Alumniforelesning om journalistikk/ }).click({ timeout: 20_000 })
    await page.getByTestId('programme').getByText('Kari Nordmann, NRK').waitFor()
    expect(await page.getByTestId('programme').getByRole('listitem').first().textContent()).toContain(
      '18:30Journalistikk og makt',
    )
  })

  it('lets staff write an event in nynorsk: the page declares it, and the share of each written standard counts it', async () => {
    const network = await liveNetwork(server, 'koordinator@demo.example', 'Nordisk')
    const staff = await browser.newContext(PHONE)
    const staffPage = await staff.newPage()
    await signInAsDemo(staffPage, server.url, 'koordinator@demo.example')
    await staffPage.goto(`${server.url}/n/${network.slug}`)
    const share = staffPage.getByTestId('written-standards')
    // Only the network's own page so far, in bokmål: nynorsk is under the quarter the act asks for.
    await share.getByTestId('written-nb').getByText('På bokmål: 1 tekst (100 % av de norske)').waitFor()
    await share
      .getByTestId('written-below')
      .getByText(/^Under 25 % på nynorsk/)
      .waitFor()
    expect(await seriousAxeViolations(staffPage)).toEqual([])

    await staffPage.getByRole('link', { name: 'Nytt arrangement' }).click()
    await staffPage.getByLabel('Tittel', { exact: true }).fill('Haustseminar i nordisk')
    await staffPage.getByLabel('Beskrivelse', { exact: true }).fill('Vi samlast til fagleg påfyll og middag.')
    await staffPage.getByLabel('Skrevet på').selectOption('nn')
    await staffPage.getByLabel('Starter', { exact: true }).fill('2027-09-20T10:00')
    await staffPage.getByLabel('Slutter', { exact: true }).fill('2027-09-20T15:00')
    await staffPage.getByLabel('Sted', { exact: true }).fill('Henrik Wergelands hus')
    await staffPage.getByLabel('By', { exact: true }).fill('Oslo')
    await staffPage.getByRole('button', { name: 'Publiser' }).click()
    // The staff's text is declared nynorsk for screen readers and hyphenation; the app's own words stay bokmål.
    const title = staffPage.getByTestId('event-page').getByRole('heading', { level: 1, name: 'Haustseminar i nordisk' })
    await title.waitFor()
    expect(await title.getAttribute('lang')).toBe('nn')
    expect(await staffPage.getByText('Vi samlast til fagleg påfyll og middag.').getAttribute('lang')).toBe('nn')
    expect(await staffPage.locator('html').getAttribute('lang')).toBe('nb')

    await staffPage.goto(`${server.url}/n/${network.slug}`)
    await share.getByTestId('written-nn').getByText('På nynorsk: 1 tekst (50 % av de norske)').waitFor()
    expect(await share.getByTestId('written-below').count()).toBe(0)
    await expect
      .poll(
        async () =>
          (
            await server.database.db
              .selectFrom('event')
              .select('language')
              .where('networkId', '=', network.id)
              .execute()
          ).map((e) => e.language),
        { timeout: 15_000 },
      )
      .toEqual(['nn'])
    await staff.close()
  })

  it('lets staff invite a graduation year to a cohort reunion, and the invitation arrives by mail', async () => {
    const staff = await browser.newContext({
      ...PHONE,
      timezoneId: 'Europe/Oslo',
    })
    const staffPage = await staff.newPage()
    await signInAsDemo(staffPage, server.url, 'admin@demo.example')
    await staffPage.goto(`${server.url}/e/${labelledId('ev-ximk-reunion')}/edit`)
    await staffPage.getByRole('button', { name: 'Publiser' }).click()
    await staffPage.getByTestId('cohort-invite').waitFor({ timeout: 20_000 })
    await staffPage.getByLabel('Avgangsår').fill('seksten')
    await staffPage.getByRole('button', { name: 'Send invitasjoner' }).click()
    await staffPage.getByText('Skriv et årstall, for eksempel 2016.').waitFor()
    // Published on the server before inviting: the invitation route needs it.
    await expect
      .poll(
        async () =>
          (
            await server.database.db
              .selectFrom('event')
              .select('status')
              .where('id', '=', labelledId('ev-ximk-reunion'))
              .executeTakeFirstOrThrow()
          ).status,
        { timeout: 15_000 },
      )
      .toBe('published')
    await staffPage.getByLabel('Avgangsår').fill('2016')
    await staffPage.getByRole('button', { name: 'Send invitasjoner' }).click()
    await staffPage.getByTestId('cohort-invite').getByRole('status').waitFor()
    expect(await staffPage.getByTestId('cohort-invite').getByRole('status').textContent()).toMatch(
      /^\d+ invitert\.$|^1 invitert\.$/,
    )
    expect(await seriousAxeViolations(staffPage)).toEqual([])
    // The queue sends it in the background: the demo's mailbox receives it for the 2016 graduate.
    const invitation = staffPage
      .getByTestId('mailbox')
      .getByRole('listitem')
      .filter({ hasText: 'Til alumn@demo.example' })
      .filter({ hasText: 'Invitasjon: Kulltreff' })
    await expect
      .poll(
        async () => {
          await staffPage.goto(`${server.url}/dev/mailbox`)
          await staffPage.getByTestId('mailbox').waitFor()
          return invitation.count()
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(1)
    await staff.close()
  })
})
