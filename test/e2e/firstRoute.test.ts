import { expect } from 'vitest'
import { phoneTest } from '../helpers/phoneTest.ts'
import { messageKeysShown } from '../helpers/pages.ts'

const it = phoneTest({ members: 0 })

/**
 * The first route ships with only the messages it shows (client/i18n/firstRouteMessages.ts); the
 * rest of bokmål is a chunk of its own. With that chunk never arriving (a slow or lost request),
 * the networks list must still read as words, and another route must wait for it, not show keys.
 */
it('shows the networks list in words without the rest of the messages, and waits for them elsewhere', async ({
  server,
  phone,
}) => {
  const context = await phone()
  const page = await context.newPage()
  let isHeld = true
  let held = 0
  await page.route(/\/assets\/rest-[\w-]+\.js$/, async (route) => {
    held++
    while (isHeld) await new Promise((r) => setTimeout(r, 50))
    await route.continue()
  })
  await page.goto(server.url)
  await page.getByRole('heading', { level: 1, name: 'Alumninettverk' }).waitFor()
  await page.getByRole('link', { name: /X-IMK/ }).first().waitFor()
  expect(held).toBe(1)
  expect(await messageKeysShown(page)).toEqual([])
  // Another route waits for the rest rather than render keys; it shows once the messages arrive.
  await page.getByRole('link', { name: 'Arrangementer' }).click()
  await page.waitForTimeout(300)
  expect(await messageKeysShown(page)).toEqual([])
  isHeld = false
  await page.getByRole('heading', { level: 1, name: 'Arrangementer' }).waitFor()
  expect(await messageKeysShown(page)).toEqual([])
})
