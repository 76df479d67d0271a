import { expect } from 'vitest'
import { phoneTest } from '../helpers/phoneTest.ts'
import { messageKeysShown } from '../helpers/pages.ts'

const it = phoneTest({ members: 0 })

/**
 * The first route ships with only the messages it shows (client/i18n/firstRouteMessages.ts), in all three
 * languages; the rest of each language is a chunk of its own. With that chunk never arriving (a slow or
 * lost request), the networks list must still read as words in the reader's language, and another route
 * must wait for it, not show keys.
 */
it.for([
  { locale: 'nb-NO', title: 'Alumninettverk', events: 'Arrangementer', lang: 'nb' },
  { locale: 'nn-NO', title: 'Alumninettverk', events: 'Arrangement', lang: 'nn' },
  { locale: 'en-GB', title: 'Alumni networks', events: 'Events', lang: 'en' },
])(
  'shows the networks list in words ($lang) without the rest of the messages, and waits for them elsewhere',
  async ({ locale, title, events, lang }, { server, phone }) => {
    const context = await phone({ locale })
    const page = await context.newPage()
    let isHeld = true
    const held: string[] = []
    await page.route(/\/assets\/rest-[\w-]+\.js$/, async (route) => {
      held.push(route.request().url())
      while (isHeld) await new Promise((r) => setTimeout(r, 50))
      await route.continue()
    })
    await page.goto(server.url)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    await page.getByRole('link', { name: /X-IMK/ }).first().waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang)
    // Only the reader's own language's rest is asked for: no other language is fetched behind it.
    expect(held).toHaveLength(1)
    expect(await messageKeysShown(page)).toEqual([])
    // Another route waits for the rest rather than render keys; it shows once the messages arrive.
    await page.getByRole('link', { name: events, exact: true }).click()
    await page.waitForTimeout(300)
    expect(await messageKeysShown(page)).toEqual([])
    isHeld = false
    await page.getByRole('heading', { level: 1, name: events }).waitFor()
    expect(await messageKeysShown(page)).toEqual([])
  },
)
