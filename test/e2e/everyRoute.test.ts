import { describe, expect } from 'vitest'
import { phoneTest } from '../helpers/phoneTest.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { messageKeysShown, signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { liveChangeAs } from '../helpers/liveApi.ts'
import type { LiveServer } from '../helpers/liveServer.ts'

const it = phoneTest({ members: 20 })
const FAGDAG = labelledId('ev-ximk-fagdag')
const ALUMN = labelledId('p-demo-alumn')
// The demo has no newsletter: one is written and sent through the app's API, once per server.
const NEWSLETTER = crypto.randomUUID()
const DRAFT = crypto.randomUUID()
const newsletters = new Map<string, Promise<void>>()
function withNewsletters(server: LiveServer): Promise<void> {
  const made = newsletters.get(server.url) ?? writeNewsletters(server)
  newsletters.set(server.url, made)
  return made
}
async function writeNewsletters(server: LiveServer): Promise<void> {
  for (const id of [NEWSLETTER, DRAFT]) {
    await liveChangeAs(server, 'admin@demo.example', 'newsletter.save', {
      newsletter: {
        id,
        networkId: labelledId('net-ximk'),
        title: 'Nytt fra X-IMK',
        blocks: [
          { type: 'heading', text: 'Fagdagen' },
          { type: 'paragraph', text: 'Programmet er klart.' },
        ],
        includeEvents: true,
        audience: { kind: 'network' },
      },
    })
  }
  await liveChangeAs(server, 'admin@demo.example', 'newsletter.schedule', { newsletterId: NEWSLETTER, at: null })
}

/** Every route of the app, with ids of the demo's own rows (signed in as X-IMK's administrator). */
const ROUTES = [
  '/',
  '/events',
  '/me',
  '/me/profile',
  '/me/notifications',
  '/tilgjengelighet',
  '/n/x-imk',
  '/n/x-imk/edit',
  '/n/x-imk/invitations',
  '/n/x-imk/board',
  '/n/x-imk/roles',
  '/n/x-imk/audit',
  '/n/x-imk/requests',
  '/n/x-imk/members',
  `/n/x-imk/members/${ALUMN}`,
  '/n/x-imk/card',
  '/card',
  '/n/x-imk/events/new',
  `/e/${FAGDAG}`,
  `/e/${FAGDAG}/edit`,
  `/e/${FAGDAG}/ticket`,
  `/e/${FAGDAG}/door`,
  `/e/${FAGDAG}/venue`,
  `/e/${FAGDAG}/attendance`,
  '/n/x-imk/newsletters',
  '/n/x-imk/newsletters/new',
  `/nl/${NEWSLETTER}`,
  `/nl/${DRAFT}/edit`,
  '/institutions/uio/graduates',
  '/checkin',
  '/unsubscribe',
  '/auth/verify',
  '/dev/mailbox',
  '/no/such/page',
]

describe('every route, in Chromium', () => {
  // One test per language and colour scheme, so each stays well inside the time a test may take.
  const PASSES = (['nb', 'nn', 'en'] as const).flatMap((l) => (['light', 'dark'] as const).map((c) => [l, c] as const))
  it.for(PASSES)(
    'has no serious or critical axe violation, no message key, and no English in Norwegian, in %s, %s',
    async ([language, colorScheme], { server, phone }) => {
      await withNewsletters(server)
      const context = await phone({ colorScheme })
      const page = await context.newPage()
      await signInAsDemo(page, server.url, 'admin@demo.example')
      await waitForSync(page)
      // The language chosen on the Me page, as a person who reads nynorsk picks it.
      const LANGUAGE_NAMES = { nb: 'Norsk bokmål', nn: 'Norsk nynorsk', en: 'English' } as const
      await page.getByRole('button', { name: LANGUAGE_NAMES[language] }).click()
      await page.waitForFunction((lang) => document.documentElement.lang === lang, language)
      const found: string[] = []
      for (const route of ROUTES) {
        await page.goto(`${server.url}${route}`)
        await page.locator('h1').first().waitFor()
        await page.waitForLoadState('networkidle')
        for (const v of await seriousAxeViolations(page)) found.push(`${route} [${colorScheme}]: ${v}`)
        for (const k of await messageKeysShown(page)) found.push(`${route} [${colorScheme}]: key ${k}`)
        // In Norwegian no English may show; in English the server's own words are allowed (and expected).
        const norwegian = language !== 'en'
        if (
          norwegian &&
          /\b(Invalid|Not found|Sign in|Too many requests)\b/.test(await page.locator('main').innerText())
        )
          found.push(`${route}: English text`)
      }
      expect(found).toEqual([])
      await context.close()
    },
  )

  it('keeps every route usable at 200 % zoom: nothing wider than the screen, no axe violation', async ({
    server,
    phone,
  }) => {
    // 200 % of a 360 px phone: the layout gets 180 CSS pixels.
    const context = await phone({ viewport: { width: 180, height: 370 }, deviceScaleFactor: 2 })
    const page = await context.newPage()
    // Another account: six sign-in mails to one address in 15 minutes are paced, and the passes above used six.
    await signInAsDemo(page, server.url, 'koordinator@demo.example')
    await withNewsletters(server)
    const wide: string[] = []
    for (const route of ROUTES) {
      await page.goto(`${server.url}${route}`)
      await page.locator('h1').first().waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      if (overflow > 1) wide.push(`${route}: ${overflow}px too wide`)
      for (const v of await seriousAxeViolations(page)) wide.push(`${route} [200 %]: ${v}`)
    }
    expect(wide).toEqual([])
  })
})
