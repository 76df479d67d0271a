import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from '../helpers/liveServer.ts'
import { signInAsDemo } from '../helpers/pages.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'

/** Signing in on a phone: e-mail link through the dev mailbox, then a passkey. */
describe('accounts, in Chromium', () => {
  let server: LiveServer
  let browser: Browser
  beforeAll(async () => {
    server = await startLiveServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('signs a new person in through the mailed link, in English when chosen', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' })
    const page = await context.newPage()
    await page.goto(`${server.url}/me`)
    await page.getByLabel('E-mail address').fill('kari.ny@example.org')
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click()
    await page.getByTestId('sign-in-sent').waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.goto(`${server.url}/dev/mailbox`)
    const mail = page.getByTestId('mailbox').getByRole('listitem').filter({ hasText: 'kari.ny@example.org' }).first()
    await mail.getByText('Sign in to Alumni networks').waitFor()
    await Promise.all([page.waitForURL(`${server.url}/me`), mail.getByRole('link').click()])
    await page.getByTestId('signed-in-as').getByText('Kari Ny').waitFor()
    await context.close()
  })

  it('adds a passkey, signs out, and signs in with it (virtual authenticator)', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nb-NO' })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    })
    await signInAsDemo(page, server.url, 'alumn@demo.example')
    await page.getByRole('button', { name: 'Legg til passnøkkel' }).click()
    await page.getByTestId('passkey-message').getByText('Passnøkkelen er lagt til').waitFor()

    await page.getByRole('button', { name: 'Logg ut', exact: true }).click()
    await page.getByRole('button', { name: 'Logg inn med passnøkkel' }).click()
    await page.getByTestId('signed-in-as').getByText('Ola Nordmann').waitFor()
    const passkeys = await server.database.db.selectFrom('passkey').select(['personId', 'lastUsedAt']).execute()
    expect(passkeys).toEqual([{ personId: 'p-demo-alumn', lastUsedAt: expect.any(String) }])
    await context.close()
  })
})
