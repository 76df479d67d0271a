import { describe, expect } from 'vitest'
import { phoneTest } from '../helpers/phoneTest.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { liveChangeAs, liveSignUp } from '../helpers/liveApi.ts'

const it = phoneTest({ members: 0 })

/** What a new person meets first: signing in from the page that asked, the degree offered for the profile, a refusal that says what is missing. */
describe('a first visit, in Chromium', () => {
  it('returns to the page that asked for sign-in, and the tab that asked follows the sign-in done in another', async ({
    server,
    phone,
  }) => {
    const context = await phone()
    const asking = await context.newPage()
    await asking.goto(`${server.url}/n/x-imk`)
    await asking.getByRole('link', { name: 'Meg' }).click()
    await asking.getByLabel('E-postadresse').fill('ny.person@example.org')
    await asking.getByRole('button', { name: 'Send meg en innloggingslenke' }).click()
    await asking.getByTestId('sign-in-sent').waitFor()
    // The mail's link opens in another tab.
    const mailTab = await context.newPage()
    await mailTab.goto(`${server.url}/dev/mailbox`)
    const mail = mailTab
      .getByTestId('mailbox')
      .getByRole('listitem')
      .filter({ hasText: 'Til ny.person@example.org' })
      .first()
    await Promise.all([mailTab.waitForURL(`${server.url}/n/x-imk`), mail.getByRole('link').click()])
    // The first tab, untouched, now knows who is signed in.
    await asking.getByTestId('signed-in-as').waitFor({ timeout: 10_000 })
  })

  it('offers the degree just registered for the profile, and says which ways in the person lacks, down to the city', async ({
    server,
    phone,
  }) => {
    const person = await liveSignUp(server, 'Mia Medie')
    const context = await phone()
    const page = await context.newPage()
    await signInAsDemo(page, server.url, person.email)
    await page.getByLabel('Lærested').selectOption({ label: 'Norges Handelshøyskole' })
    await page.getByLabel('Studieprogram').fill('Medie- og kommunikasjonsfag')
    await page.getByLabel('Uteksaminert år').fill('2019')
    await page.getByRole('button', { name: 'Legg til utdanning' }).click()
    const offer = page.getByTestId('education-offer')
    await offer.getByText('Vil du vise «Medie- og kommunikasjonsfag» og kull 2019 på profilen din?').waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await offer.getByRole('button', { name: 'Ja, fyll inn' }).click()
    await waitForSync(page)
    await expect
      .poll(async () =>
        server.database.db
          .selectFrom('person')
          .select(['programme', 'graduationYear'])
          .where('id', '=', person.id)
          .executeTakeFirstOrThrow(),
      )
      .toEqual({ programme: 'Medie- og kommunikasjonsfag', graduationYear: 2019 })

    // X-IMK takes media graduates of other institutions who live in Oslo: her profile names no city.
    await page.goto(`${server.url}/n/x-imk`)
    const panel = page.getByTestId('join-panel')
    await panel.getByTestId('join-missing').waitFor()
    expect(await panel.getByTestId('join-missing').getByRole('listitem').count()).toBe(3)
    expect(await panel.getByTestId('join-city').textContent()).toContain(
      'du må bo i Oslo. På profilen din står det: ingen bosted.',
    )
    await liveChangeAs(server, person.email, 'profile.update', { patch: { city: 'Oslo' } })
    await page.reload()
    await panel.getByRole('button', { name: 'Bli med' }).waitFor({ timeout: 20_000 })
  })

  it('groups the networks by institution, then faculty, and warns staff of board terms that have ended', async ({
    server,
    phone,
  }) => {
    const context = await phone()
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByRole('heading', { level: 2, name: 'Norges Handelshøyskole' }).waitFor()
    // NHH's one "faculty" is NHH itself: no heading repeats it.
    expect(await page.getByRole('heading', { level: 3, name: 'NHH', exact: true }).count()).toBe(0)
    expect(await page.getByRole('heading', { level: 3, name: 'Det humanistiske fakultet' }).count()).toBe(1)
    await signInAsDemo(page, server.url, 'koordinator@demo.example')
    await page.goto(`${server.url}/n/historie-alumni/board`)
    await page
      .getByTestId('terms-ended')
      .getByText(/5 verv har gått ut/)
      .waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
  })
})
