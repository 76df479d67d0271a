import type { Page } from 'playwright-core'

/**
 * Signs in as a person would in the demo: ask for a link on the Me page, open
 * the dev mailbox, follow the newest link to that address.
 */
export async function signInAsDemo(
  page: Page,
  baseUrl: string,
  email: string,
  options: { waitForSync?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/me`)
  const signOut = page.getByRole('button', { name: 'Logg ut', exact: true })
  const emailField = page.getByLabel('E-postadresse')
  // The page shows neither state until it has read the device's session: wait for one.
  await signOut.or(emailField).first().waitFor()
  if (await signOut.isVisible()) await signOut.click()
  await emailField.fill(email)
  await page.getByRole('button', { name: 'Send meg en innloggingslenke' }).click()
  await page.getByTestId('sign-in-sent').waitFor()
  await page.goto(`${baseUrl}/dev/mailbox`)
  const mail = page
    .getByTestId('mailbox')
    .getByRole('listitem')
    .filter({ hasText: `Til ${email}` })
    // The sign-in mail, not a confirmation queued earlier that the mail queue may send after it.
    .filter({ hasText: 'Logg inn i Alumninettverk' })
    .first()
  await Promise.all([page.waitForURL(`${baseUrl}/me`), mail.getByRole('link').click()])
  await page.getByTestId('signed-in-as').waitFor()
  // Installed for offline use: the service worker controls the page (a test may go offline next).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  if (options.waitForSync ?? true) await waitForSync(page)
}

/**
 * Waits until no sync runs or waits to run (the app's Web Lock is free), so a
 * test that goes offline next knows what the device holds.
 */
export async function waitForSync(page: Page): Promise<void> {
  // Free on three looks in a row: between two runs of a sync asked for twice, the lock is free for a moment.
  await page.waitForFunction(async () => {
    for (let look = 0; look < 3; look++) {
      const { held = [], pending = [] } = await navigator.locks.query()
      if ([...held, ...pending].some((lock) => lock.name === 'alumni-sync')) return false
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return true
  })
}

/** The message keys a page shows instead of words (what a reader must never see). */
export async function messageKeysShown(page: Page): Promise<string[]> {
  const text = (await page.locator('body').innerText()).replace(/\S+@\S+/g, '')
  const keys = text.match(/\b[a-z][a-zA-Z]+\.[a-z][a-zA-Z]+(\.[a-zA-Z-]+)*\b/g) ?? []
  return keys.filter(
    (k) => !/^(uio|ntnu|nhh|www|example|linkedin|facebook|uutilsynet)\./.test(k) && !/\.(no|com|org|example)$/.test(k),
  )
}
