import type { Page } from 'playwright-core'

/** Signs in a demo account through the Me page, as a person would. */
export async function signInAsDemo(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/me`)
  const signOut = page.getByRole('button', { name: 'Logg ut' })
  if (await signOut.isVisible()) await signOut.click()
  await page.getByLabel('E-postadresse').fill(email)
  await page.getByRole('button', { name: 'Logg inn' }).click()
  await page.getByTestId('signed-in-as').waitFor()
}
