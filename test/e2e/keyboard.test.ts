import { describe, expect } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { phoneTest } from '../helpers/phoneTest.ts'
import { signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { liveChangeAs, liveClaimDegree, liveNetwork, liveSignUp } from '../helpers/liveApi.ts'

const it = phoneTest({ members: 0 })

/** Moves the keyboard focus forward with Tab until `target` has it, as a keyboard user does (fails if never). */
async function tabTo(page: Page, target: Locator, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
  }
  throw new Error(`could not reach ${target} with the keyboard`)
}

/** The main journeys with the keyboard alone: sign in, join, register for an event, show the ticket, check in at the door. */
describe('the keyboard alone, in Chromium', () => {
  it('signs in, registers, shows the ticket, and is checked in at the door by a keyboard', async ({
    server,
    phone,
  }) => {
    const person = await liveSignUp(server, 'Kari Tastatur')
    const network = await liveNetwork(server, 'koordinator@demo.example', 'Tastaturfag', [person.email])
    const eventId = crypto.randomUUID()
    const startsAt = new Date(Date.now() + 5 * 86_400_000).toISOString()
    await liveChangeAs(server, 'koordinator@demo.example', 'event.save', {
      event: {
        id: eventId,
        networkId: network.id,
        type: 'fagdag',
        title: 'Fagdag for tastaturet',
        description: '',
        startsAt,
        endsAt: startsAt,
        place: 'Blindern',
        city: 'Oslo',
        capacity: 20,
        status: 'published',
        audience: 'members',
      },
    })
    const page = await (await phone()).newPage()
    await page.goto(`${server.url}/me`)
    await tabTo(page, page.getByLabel('E-postadresse'))
    await page.keyboard.type(person.email)
    await page.keyboard.press('Enter')
    await page.getByTestId('sign-in-sent').waitFor()
    // The code from the mail, typed: the link would need a pointer in the mail client.
    // The newest sign-in mail: the notice that they joined the network may have come after it.
    const mails = await server.database.db
      .selectFrom('mailbox')
      .select('text')
      .where('toAddress', '=', person.email)
      .orderBy('id', 'desc')
      .execute()
    const code = mails.map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean)
    await tabTo(page, page.getByLabel('Sekssifret kode fra e-posten'))
    await page.keyboard.type(code!)
    await page.keyboard.press('Enter')
    await page.getByTestId('signed-in-as').waitFor()
    await waitForSync(page)

    await page.goto(`${server.url}/e/${eventId}`)
    const register = page.getByRole('button', { name: 'Meld meg på' })
    await register.waitFor()
    await tabTo(page, register)
    await page.keyboard.press('Enter')
    await page.getByText('Du er påmeldt.').waitFor()
    const ticket = page.getByRole('link', { name: 'Vis billetten' })
    await tabTo(page, ticket)
    await page.keyboard.press('Enter')
    await page.waitForURL(`${server.url}/e/${eventId}/ticket`)
    const shortCode = (await page.getByTestId('ticket-short-code').textContent())!

    // At the door, staff type the code read out to them (a scanner that types works the same way).
    const door = await (await phone()).newPage()
    await signInAsDemo(door, server.url, 'koordinator@demo.example')
    await door.goto(`${server.url}/e/${eventId}/door`)
    await door
      .getByTestId('kit')
      .getByText(/Skannersett: [1-9]/)
      .waitFor({ timeout: 20_000 })
    await tabTo(door, door.getByTestId('ticket-code'))
    await door.keyboard.type(shortCode)
    await door.keyboard.press('Enter')
    await door.getByTestId('verdict').getByText('Velkommen, Kari Tastatur!').waitFor()
  })

  it('asks to join a network with the keyboard alone', async ({ server, phone }) => {
    const person = await liveSignUp(server, 'Jon Tastatur')
    await liveClaimDegree(server, person.email, 'Medievitenskap', 2019)
    const page = await (await phone()).newPage()
    await signInAsDemo(page, server.url, person.email)
    await page.goto(`${server.url}/n/x-imk`)
    const ask = page.getByRole('button', { name: 'Be om å bli med' })
    await ask.waitFor()
    await tabTo(page, ask)
    await page.keyboard.press('Enter')
    await page.getByTestId('join-panel').getByText('Du har bedt om å bli med.').waitFor()
  })

  it('reaches the accessibility statement from the footer and reports a barrier offline', async ({ server, phone }) => {
    const person = await liveSignUp(server, 'Bo Barriere')
    const context = await phone()
    const page = await context.newPage()
    await signInAsDemo(page, server.url, person.email)
    await page.goto(`${server.url}/events`)
    const statement = page.getByTestId('accessibility-link')
    await tabTo(page, statement)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Tilgjengelighetserklæring', level: 1 }).waitFor()
    await context.setOffline(true)
    await tabTo(page, page.getByLabel('Hva skjedde?'))
    await page.keyboard.type('Knappen «Meld meg på» blir borte ved 200 % forstørrelse.')
    await page.getByRole('button', { name: 'Send meldingen' }).press('Enter')
    await page.getByTestId('barrier-sent').waitFor()
    await context.setOffline(false)
    await expect
      .poll(async () => (await server.database.db.selectFrom('barrierReport').select('description').execute()).length, {
        timeout: 20_000,
      })
      .toBe(1)
  })
})
