import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from '../helpers/liveServer.ts'
import { startOidcProvider, type LocalOidcProvider } from '../helpers/oidcProvider.ts'
import { PHONE } from '../helpers/phoneTest.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'

/** Sign-in with Feide on a phone: through a real OpenID provider's own login page, and back. */
describe('sign-in with Feide, in Chromium', () => {
  let feide: LocalOidcProvider
  let server: LiveServer
  let browser: Browser
  beforeAll(async () => {
    // The provider starts first (the app needs its address); it learns the app's at its first request.
    feide = await startOidcProvider({
      redirectUris: () => [`${server.url}/api/auth/oidc/feide/callback`],
      accounts: {
        'feide-e2e-student': {
          name: 'Fride Feide',
          email: 'fride.feide@uio.example',
          eduPersonPrincipalName: 'fride@uio.no',
          eduPersonAffiliation: ['student', 'member'],
          programmes: ['Medievitenskap'],
        },
      },
    })
    server = await startLiveServer({
      members: 0,
      oidcProviders: [
        {
          id: 'feide',
          issuer: feide.issuer,
          clientId: feide.clientId,
          clientSecret: feide.clientSecret,
          scopes: 'openid profile email userid-feide',
          realms: { 'uio.no': 'uio' },
        },
      ],
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await feide?.close()
  })

  it('signs a student in with Feide from the Me page, verified, and lists Feide as linked', async () => {
    const context = await browser.newContext(PHONE)
    const page = await context.newPage()
    await page.goto(`${server.url}/me`)
    await page.getByTestId('sign-in-providers').getByRole('link', { name: 'Logg inn med Feide' }).click()
    // The provider's own login form (oidc-provider's development form: the account id, any password).
    await page.locator('input[name="login"]').fill('feide-e2e-student')
    await page.locator('input[name="password"]').fill('x')
    await Promise.all([page.waitForURL(`${server.url}/me`), page.getByRole('button', { name: 'Sign-in' }).click()])
    await page.getByTestId('signed-in-as').getByText('Fride Feide').waitFor()
    await page
      .getByTestId('identities')
      .getByText(/Feide, koblet/)
      .waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    // A verified student of media studies: X-IMK takes her at once.
    await page.goto(`${server.url}/n/x-imk`)
    await page.getByRole('button', { name: 'Bli med' }).click()
    await page.getByTestId('join-panel').getByText('Du er medlem.').waitFor()
    await context.close()
  })
})
