import { describe, expect } from 'vitest'
import { phoneTest } from '../helpers/phoneTest.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'

const it = phoneTest({ members: 0 })

/** A phone set to nynorsk: the app, its forms and its mails in nynorsk, with no key or English showing. */
describe('nynorsk, in Chromium', () => {
  it('opens in nynorsk on a phone set to nn-NO, signs in with a nynorsk form and mail, and keeps the choice', async ({
    server,
    phone,
  }) => {
    const page = await (await phone({ locale: 'nn-NO' })).newPage()
    await page.goto(`${server.url}/`)
    await page.getByText('Alle nettverka, ordna etter fakultet.').waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nn')
    expect(await seriousAxeViolations(page)).toEqual([])

    await page.getByRole('link', { name: 'Meg' }).click()
    await page.getByLabel('E-postadresse').fill('nora.nynorsk@example.org')
    await page.getByRole('button', { name: 'Send meg ei innloggingslenkje' }).click()
    await page.getByTestId('sign-in-sent').getByText('Vi har sendt ei lenkje og ein kode').waitFor()
    await page.goto(`${server.url}/dev/mailbox`)
    const mail = page
      .getByTestId('mailbox')
      .getByRole('listitem')
      .filter({ hasText: 'nora.nynorsk@example.org' })
      .first()
    await mail.getByText(/Lenkja og koden verkar i 15 minutt/).waitFor()
    await Promise.all([page.waitForURL(`${server.url}/me`), mail.getByRole('link').click()])
    await page
      .getByTestId('signed-in-as')
      .getByText(/Logga inn som/)
      .waitFor()
    // No message key and no English refusal anywhere on the page.
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).not.toMatch(/\b[a-z]+\.[a-z]+\.[a-zA-Z]+\b(?![^\s]*@)/)
    expect(text).not.toMatch(/\b(Invalid|Sign in|required)\b/)
    expect(await seriousAxeViolations(page)).toEqual([])
    // The language was kept with the account, for its mails and pushes.
    await expect
      .poll(
        async () =>
          (
            await server.database.db
              .selectFrom('person')
              .select('locale')
              .where('email', '=', 'nora.nynorsk@example.org')
              .executeTakeFirst()
          )?.locale,
      )
      .toBe('nn')
  })
})
