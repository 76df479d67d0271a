import { describe, expect } from 'vitest'
import type { Page } from 'playwright-core'
import { phoneTest } from '../helpers/phoneTest.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { liveNetwork, liveSignUp } from '../helpers/liveApi.ts'

const it = phoneTest({ members: 0 })
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null)
const ENGLISH = /Invalid|expected|Required|must be|too (small|big|long)/

/** Forms say where they went wrong: focus on the first bad field, the count announced, every word Norwegian. */
describe('forms that tell you where they went wrong, in Chromium', () => {
  it('moves a staff member to the first bad field of a long event form and says how many need fixing', async ({
    server,
    phone,
  }) => {
    const context = await phone()
    const page = await context.newPage()
    const network = await liveNetwork(server, 'koordinator@demo.example', 'Filosofi')
    await signInAsDemo(page, server.url, 'koordinator@demo.example')
    await page.goto(`${server.url}/n/${network.slug}/events/new`)
    await page.getByLabel('Tittel').fill('Fagdag')
    await page.getByLabel('Antall plasser (tomt: ubegrenset)').fill('mange')
    await page.getByRole('button', { name: 'Publiser' }).click()
    const summary = page.getByTestId('form-errors')
    await summary.waitFor()
    expect(await summary.textContent()).toBe('Skjemaet har 3 feil. Rett feltene som er merket.')
    expect(await summary.getAttribute('role')).toBe('alert')
    // Out of view at the top of the form before; now focused, and so scrolled to.
    expect(await focusedId(page)).toBe('ev-starts')
    expect(await page.locator('#ev-ends-error').textContent()).toBe('Velg når arrangementet slutter.')
    expect(await page.locator('form').textContent()).not.toMatch(ENGLISH)
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it("takes a LinkedIn address typed without https, and refuses a bad one in Norwegian, not in Zod's English", async ({
    server,
    phone,
  }) => {
    const context = await phone()
    const page = await context.newPage()
    const person = await liveSignUp(server, 'Linn Kedin')
    await signInAsDemo(page, server.url, person.email)
    await page.goto(`${server.url}/me/profile`)
    const linkedin = page.getByLabel('LinkedIn-adresse', { exact: true })
    await linkedin.fill('kari nordmann')
    await page.locator('form').getByRole('button', { name: 'Lagre', exact: true }).click()
    await page.getByTestId('form-errors').waitFor()
    expect(await focusedId(page)).toBe('profile-linkedinUrl')
    expect(await page.locator('form').textContent()).toContain('Skriv en hel nettadresse')
    expect(await page.locator('form').textContent()).not.toMatch(ENGLISH)

    // Offline, the change waits: the header shows the count and still has room for the app's name at 360 px.
    await context.setOffline(true)
    await page.getByLabel('Arbeidsgiver', { exact: true }).fill('Nytt AS')
    await linkedin.fill('linkedin.com/in/linn-kedin')
    await page.locator('form').getByRole('button', { name: 'Lagre', exact: true }).click()
    await page.getByTestId('pending-count').waitFor()
    expect(await page.locator('.app-title').evaluate((title) => title.scrollWidth <= title.clientWidth)).toBe(true)
    await context.setOffline(false)
    await page.getByTestId('pending-count').waitFor({ state: 'detached', timeout: 20_000 })

    await page.locator('form').getByRole('button', { name: 'Lagre', exact: true }).click()
    await page.getByTestId('profile-message').waitFor()
    expect(await page.getByTestId('form-errors').count()).toBe(0)
    await waitForSync(page)
    await expect
      .poll(
        async () =>
          (
            await server.database.db
              .selectFrom('person')
              .select('linkedinUrl')
              .where('id', '=', person.id)
              .executeTakeFirstOrThrow()
          ).linkedinUrl,
      )
      .toBe('https://linkedin.com/in/linn-kedin')
  })
})
