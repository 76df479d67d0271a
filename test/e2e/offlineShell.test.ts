import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from '../helpers/liveServer.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo } from '../helpers/pages.ts'
import { deviceRows } from '../helpers/deviceDb.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { PHONE } from '../helpers/phoneTest.ts'

/**
 * The walking skeleton as a person on a phone meets it: the app installs its
 * service worker, keeps working with no connection, and a change made offline
 * reaches the server once after reconnecting, even across a reload.
 */
describe('the app offline, in Chromium', () => {
  let server: LiveServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const cspViolations: string[] = []

  beforeAll(async () => {
    server = await startLiveServer()
    browser = await launchChromium()
    context = await browser.newContext({
      ...PHONE,
      hasTouch: true,
      isMobile: true,
    })
    // A violation that a library swallows (Zod's probe for eval) still fires this event.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(
          `Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
        ),
      )
    })
    page = await context.newPage()
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const networkNames = () => page.locator('[data-testid="network-list"] strong').allTextContents()

  it('opens on the networks grouped by faculty, and the service worker takes control', async () => {
    await page.goto(server.url)
    await page.getByRole('heading', { level: 1, name: 'Alumninettverk' }).waitFor()
    await page.getByText('X-IMK – alumninettverket for medier og kommunikasjon').waitFor()
    expect(await page.getByRole('heading', { level: 3, name: /Det humanistiske fakultet/ }).count()).toBe(1)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    expect(await networkNames()).toHaveLength(7)
  })

  it('filters the list as you type', async () => {
    await page.getByLabel('Søk i nettverk').fill('nhh')
    expect(await networkNames()).toEqual(['NHH Alumni'])
    await page.getByLabel('Søk i nettverk').fill('')
  })

  it('has no serious or critical accessibility violations on the first screens, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.goto(server.url)
      await page.getByText('X-IMK – alumninettverket for medier og kommunikasjon').waitFor()
      expect(await seriousAxeViolations(page), `networks list (${colorScheme})`).toEqual([])
      await page.goto(`${server.url}/n/x-imk`)
      await page.getByRole('heading', { name: 'Styret' }).waitFor()
      expect(await seriousAxeViolations(page), `network page (${colorScheme})`).toEqual([])
    }
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('shows a network page with board, channels and who may join', async () => {
    await page.goto(`${server.url}/n/x-imk`)
    await page.getByRole('heading', { name: 'Hvem kan bli med?' }).waitFor()
    await page.getByText('Marte Kjos Haugen').first().waitFor()
    await page.getByText('859 følgere').waitFor()
    await page.getByText(/bor i Oslo/).waitFor()
  })

  it('signs in (demo) and offers staff the edit button', async () => {
    await signInAsDemo(page, server.url, 'admin@demo.example')
    await page.goto(`${server.url}/n/x-imk`)
    await page.getByRole('link', { name: 'Rediger siden' }).waitFor()
  })

  it('still renders the list and a network page offline after a reload', async () => {
    await context.setOffline(true)
    await page.reload()
    await page.getByRole('heading', { level: 1, name: /X-IMK/ }).waitFor()
    await page.goto(server.url)
    await page.getByText('IAKH', { exact: false }).first().waitFor()
    expect(await networkNames()).toHaveLength(7)
    await page.goto(`${server.url}/n/historie-alumni`)
    await page.getByText('historiae-alumni@hf.uio.example').waitFor()
  })

  it('keeps a change made offline across a reload, then sends it once when back online', async () => {
    const purpose = `Endret uten nett ${Date.now()}`
    await page.goto(`${server.url}/n/x-imk/edit`)
    await page.getByLabel('Formål').fill(purpose)
    await page.getByRole('button', { name: 'Lagre' }).click()
    await page.getByTestId('network-purpose').getByText(purpose).waitFor()
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 venter')

    await page.reload()
    await page.getByTestId('network-purpose').getByText(purpose).waitFor()
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 venter')

    await context.setOffline(false)
    await page.getByTestId('pending-count').waitFor({ state: 'detached' })
    const { db } = server.database
    const network = await db
      .selectFrom('network')
      .select('purpose')
      .where('id', '=', labelledId('net-ximk'))
      .executeTakeFirstOrThrow()
    expect(network.purpose).toBe(purpose)
    const handled = await db
      .selectFrom('syncMutation')
      .select(['mutationId', 'status'])
      .where('name', '=', 'network.update')
      .execute()
    expect(handled).toEqual([{ mutationId: 1, status: 'applied' }])
  })

  it('shows a change refused because the role ended meanwhile, with its reason, until dismissed', async () => {
    await signInAsDemo(page, server.url, 'styre@demo.example')
    // The phone must know the board seat before it goes offline, or it rightly offers no editing.
    await expect
      .poll(
        async () =>
          (await deviceRows(page, 'memberships')).some(
            (m) => m.personId === labelledId('p-demo-board') && m.role === 'board',
          ),
        { timeout: 15_000 },
      )
      .toBe(true)

    await context.setOffline(true)
    await page.goto(`${server.url}/n/x-imk/edit`)
    await page.getByLabel('Formål').fill('Endring fra et styremedlem uten nett')
    await page.getByRole('button', { name: 'Lagre' }).click()
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe('1 venter')
    // The board term ends while the phone is offline.
    await server.database.db
      .updateTable('membership')
      .set({ role: 'member' })
      .where('personId', '=', labelledId('p-demo-board'))
      .execute()

    await context.setOffline(false)
    await page.getByTestId('pending-count').waitFor({ state: 'detached' })
    await page.getByTestId('network-purpose').getByText('Endret uten nett', { exact: false }).waitFor()
    await page.goto(`${server.url}/me`)
    const rejected = page.getByTestId('rejected-list')
    await rejected.getByText('Endring av nettverkssiden').waitFor()
    await rejected.getByText('Du har ikke lov til dette.').waitFor()
    await page.reload()
    await rejected.getByText('Endring av nettverkssiden').waitFor()
    await rejected.getByRole('button', { name: 'Forstått, fjern' }).click()
    await rejected.waitFor({ state: 'detached' })
  })

  it('ran the whole journey under the strict Content-Security-Policy without a violation', async () => {
    const res = await page.request.get(server.url)
    expect(res.headers()['content-security-policy']).toContain("script-src 'self'")
    expect(cspViolations).toEqual([])
  })
})
