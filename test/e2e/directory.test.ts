import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page, Route } from 'playwright-core'
import { launchChromium } from '../../scripts/chromium.ts'
import { startLiveServer, type LiveServer } from '../helpers/liveServer.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { deviceRowCount, deviceRows } from '../helpers/deviceDb.ts'
import { decodeQrIn } from '../helpers/decodeQr.ts'
import { VisibilitySchema } from '../../shared/schemas/person.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { membershipId } from '../../shared/ids.ts'
import { PHONE } from '../helpers/phoneTest.ts'

const MEMBERS_SCOPE = `network:${labelledId('net-ximk')}:members`

/**
 * The member directory on a phone: downloaded with progress (and resumed
 * after the connection drops), searched on the device, readable offline,
 * private by default, and gone from the device when the membership ends.
 */
describe('the member directory, in Chromium', () => {
  let server: LiveServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let ximk: { id: string; name: string; email: string; employer: string | null; visibility: string }[]

  beforeAll(async () => {
    server = await startLiveServer({ members: 8000 })
    browser = await launchChromium()
    context = await browser.newContext({
      ...PHONE,
      hasTouch: true,
      isMobile: true,
    })
    page = await context.newPage()
    ximk = await server.database.db
      .selectFrom('person')
      .innerJoin('membership', 'membership.personId', 'person.id')
      .select(['person.id', 'person.name', 'person.email', 'person.employer', 'person.visibility'])
      .where('membership.networkId', '=', labelledId('net-ximk'))
      .where('membership.status', '=', 'active')
      .execute()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const shows = (person: (typeof ximk)[number], field: 'email' | 'employer') => {
    const audience = VisibilitySchema.parse(JSON.parse(person.visibility))[field]
    return audience === 'network' || audience === 'signedIn'
  }

  it('downloads a large directory with a progress bar, lets the app be used meanwhile, and resumes after the connection drops', async () => {
    // The network: flows until the device has stored a part of the directory, then holds (so the bar can be seen),
    // then drops, then returns. It goes by what the device stored, not by pages answered: a page answered while
    // the person signs in is thrown away by the app (see pullChanges.ts), and holding after it would hold forever.
    let network: 'flows' | 'holds' | 'down' = 'flows'
    let willHold = true
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const cursorsAsked: Record<string, number>[] = []
    let isOver = false
    await context.route('**/api/sync/pull', async (route) => {
      try {
        await throttle(route)
      } catch (error) {
        // A request still in this handler when the test moved on (the sync worker may be mid-pull) is not a failure.
        if (!isOver) throw error
      }
    })
    const throttle = async (route: Route) => {
      if (network === 'down') return route.abort('internetdisconnected')
      // Asked while the page navigates (signing in), the count is not there yet: 0.
      if (willHold && (await deviceRowCount(page, 'members', `${MEMBERS_SCOPE}|`).catch(() => 0)) > 0) {
        willHold = false
        network = 'holds'
      }
      if (network === 'holds') {
        await held
        return route.abort('internetdisconnected')
      }
      cursorsAsked.push((route.request().postDataJSON() as { cursors: Record<string, number> }).cursors)
      const response = await route.fetch()
      await route.fulfill({ response })
    }
    await signInAsDemo(page, server.url, 'alumn@demo.example', { waitForSync: false })
    const progress = page.getByTestId('sync-progress')
    await progress.getByText(/Laster ned [\d\s]+ av [\d\s]+/).waitFor()
    expect(await page.getByRole('progressbar').count()).toBe(1)
    // The sync worker downloads it, not the page's main thread (which falls back to doing it only without one).
    expect(page.workers().some((worker) => worker.url().includes('/assets/pullWorker-'))).toBe(true)
    // The app answers while the download runs.
    await page.getByRole('link', { name: 'Nettverk', exact: true }).click()
    await page.getByText('X-IMK – alumninettverket for medier og kommunikasjon').waitFor()
    await progress.waitFor()
    const partial = (await deviceRows(page, 'members')).filter((r) => r._scope === MEMBERS_SCOPE).length
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(ximk.length)

    // The connection drops in the middle of the download.
    network = 'down'
    release()
    await page.getByTestId('sync-badge').getByText('Uten nett').waitFor({ timeout: 20_000 })

    // It comes back: the download goes on from where it stopped, never from the start.
    const askedBefore = cursorsAsked.length
    network = 'flows'
    await expect
      .poll(async () => (await deviceRows(page, 'members')).filter((r) => r._scope === MEMBERS_SCOPE).length, {
        timeout: 30_000,
      })
      .toBe(ximk.length)
    const resumed = cursorsAsked.slice(askedBefore)
    expect(resumed.length).toBeGreaterThan(0)
    expect(resumed.every((cursors) => (cursors[MEMBERS_SCOPE] ?? 0) > 0)).toBe(true)
    await progress.waitFor({ state: 'detached' })
    isOver = true
    await context.unroute('**/api/sync/pull')
  }, 90_000)

  it('searches as you type, filters by cohort and help, and opens a profile by keyboard', async () => {
    await page.goto(`${server.url}/n/x-imk`)
    await page.getByTestId('directory-link').click()
    await page.getByRole('heading', { level: 1, name: 'Medlemmer i X-IMK' }).waitFor()
    await page
      .getByTestId('directory-count')
      .getByText(new RegExp(`^${ximk.length.toLocaleString('nb-NO').replace(/\s/g, '\\s')} medlemmer`))
      .waitFor()
    await page.screenshot({ path: '/tmp/directory.png' })

    const target = ximk.find(
      (p) => shows(p, 'employer') && p.employer && ximk.filter((q) => q.name === p.name).length === 1,
    )!
    await page
      .getByLabel('Søk etter navn, arbeidsgiver, studieprogram eller by')
      .pressSequentially(target.name, { delay: 20 })
    await page.getByTestId('directory-list').getByText(target.name, { exact: true }).waitFor()
    await page.getByTestId('directory-list').getByText(target.employer!, { exact: false }).first().waitFor()
    // Keyboard only: from the search field past the filters to the match (others may match too), then Enter.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab')
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '')
      if (focused.includes(target.name)) break
    }
    await page.keyboard.press('Enter')
    await page.getByTestId('member-profile').getByRole('heading', { level: 1, name: target.name }).waitFor()
    expect(page.url()).toBe(`${server.url}/n/x-imk/members/${target.id}`)

    await page.goBack()
    const search = page.getByLabel('Søk etter navn, arbeidsgiver, studieprogram eller by')
    await search.fill('')
    await page.getByText('Filtrer og sorter').click()
    await page.getByLabel('Kull').selectOption('2015')
    await page.getByRole('checkbox', { name: 'Mentor' }).check()
    const cohort2015Mentors = await server.database.db
      .selectFrom('person')
      .innerJoin('membership', 'membership.personId', 'person.id')
      .select(['person.helpWith', 'person.visibility', 'person.graduationYear'])
      .where('membership.networkId', '=', labelledId('net-ximk'))
      .where('membership.status', '=', 'active')
      .where('person.graduationYear', '=', 2015)
      .execute()
    const expected = cohort2015Mentors.filter((p) => {
      const v = VisibilitySchema.parse(JSON.parse(p.visibility))
      const sees = (a?: string) => a === 'network' || a === 'signedIn'
      return sees(v.graduationYear) && sees(v.helpWith) && (JSON.parse(p.helpWith) as string[]).includes('mentor')
    }).length
    expect(expected).toBeGreaterThan(0)
    await page
      .getByTestId('directory-count')
      .getByText(new RegExp(`^${expected} treff`))
      .waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('never puts a field the member hid on the device, nor on the screen', async () => {
    const hider = ximk.find((p) => !shows(p, 'email'))!
    const stored = JSON.stringify(await deviceRows(page, 'members'))
    for (const person of ximk.filter((p) => !shows(p, 'email'))) expect(stored).not.toContain(person.email)
    expect(stored).toContain(ximk.find((p) => shows(p, 'email'))!.email)
    await page.goto(`${server.url}/n/x-imk/members/${hider.id}`)
    await page.getByRole('heading', { level: 1, name: hider.name }).waitFor()
    expect(await page.getByTestId('member-email').count()).toBe(0)
    expect(await page.content()).not.toContain(hider.email)
  })

  it('has no serious accessibility violations on the directory and a profile, light and dark, and reflows at 200 % zoom', async () => {
    const withEmail = ximk.find((p) => shows(p, 'email'))!
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      await page.goto(`${server.url}/n/x-imk/members`)
      await page.getByTestId('directory-list').getByRole('link').first().waitFor()
      expect(await seriousAxeViolations(page), `directory (${colorScheme})`).toEqual([])
      await page.goto(`${server.url}/n/x-imk/members/${withEmail.id}`)
      await page.getByTestId('member-email').waitFor()
      expect(await seriousAxeViolations(page), `profile (${colorScheme})`).toEqual([])
    }
    await page.emulateMedia({ colorScheme: 'light' })
    // 200 % zoom on a 360 px phone leaves 180 CSS pixels: nothing may need sideways scrolling.
    const zoomed = await browser.newContext({
      viewport: { width: 180, height: 370 },
      deviceScaleFactor: 2,
      locale: 'nb-NO',
      storageState: await context.storageState(),
    })
    const zoomedPage = await zoomed.newPage()
    for (const path of ['/', '/n/x-imk', '/n/x-imk/members', `/n/x-imk/members/${withEmail.id}`]) {
      await zoomedPage.goto(`${server.url}${path}`)
      await zoomedPage.locator('main h1').waitFor()
      await zoomedPage.waitForTimeout(300)
      const overflow = await zoomedPage.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      if (overflow > 0)
        await zoomedPage.screenshot({ path: `/tmp/zoom${path.replace(/\//g, '_')}.png`, fullPage: true })
      expect(overflow, `sideways scroll on ${path}`).toBeLessThanOrEqual(0)
    }
    await zoomed.close()
  })

  it('works offline after one visit: the faculty overview, a network, the directory with search, a profile', async () => {
    const someone = ximk.find((p) => shows(p, 'employer') && p.employer)!
    await context.setOffline(true)
    await page.goto(server.url)
    await page.getByRole('heading', { level: 3, name: /Det humanistiske fakultet/ }).waitFor()
    await page.goto(`${server.url}/n/x-imk`)
    await page.getByRole('heading', { name: 'Styret' }).waitFor()
    await page.getByTestId('directory-link').click()
    await page.getByLabel('Søk etter navn, arbeidsgiver, studieprogram eller by').fill(someone.name)
    await page.getByTestId('directory-list').getByText(someone.name, { exact: true }).first().click()
    await page.getByTestId('member-profile').getByText(someone.employer!, { exact: false }).waitFor()
    await context.setOffline(false)
  })

  it('shows member benefits and sub-groups; a member starts a group offline and it reaches the server once', async () => {
    await page.goto(`${server.url}/n/nhh-alumni`)
    await page
      .getByTestId('benefits')
      .getByText(/Karriereveiledning: Karriereveiledning og jobbannonser, de første 2 årene etter endt utdanning/)
      .waitFor()
    await page
      .getByTestId(`group-${labelledId('g-nhh-london')}`)
      .getByText('Ingen driver gruppen nå')
      .waitFor()

    await page.goto(`${server.url}/n/x-imk`)
    await page
      .getByTestId(`group-${labelledId('g-ximk-2015')}`)
      .getByText('Startet av alumni')
      .waitFor()
    await context.setOffline(true)
    await page.getByText('Start en gruppe').click()
    await page.getByLabel('Navn på gruppen').fill('X-IMK Trondheim')
    await page.getByLabel('Type gruppe').selectOption('region')
    await page.getByLabel('Lenke til gruppen (LinkedIn, Facebook, nettside)').fill('ikke en lenke')
    await page.getByRole('button', { name: 'Start gruppen' }).click()
    await page.getByText('Skriv en hel nettadresse som begynner med https://').waitFor()
    await page
      .getByLabel('Lenke til gruppen (LinkedIn, Facebook, nettside)')
      .fill('https://www.linkedin.com/groups/ximk-trondheim')
    await page.getByRole('button', { name: 'Start gruppen' }).click()
    await page.getByTestId('group-list').getByText('X-IMK Trondheim', { exact: true }).waitFor()
    await context.setOffline(false)
    await expect
      .poll(
        async () =>
          await server.database.db
            .selectFrom('networkGroup')
            .select(['name', 'startedBy'])
            .where('name', '=', 'X-IMK Trondheim')
            .execute(),
        { timeout: 15_000 },
      )
      .toEqual([{ name: 'X-IMK Trondheim', startedBy: 'alumni' }])
    await page.getByRole('button', { name: 'Meld fra: ingen driver Medievitere kull 2015 lenger' }).click()
    await page.getByText('Takk! Når flere melder fra').waitFor()
    await expect
      .poll(
        async () =>
          (await server.database.db.selectFrom('groupFlag').select('groupId').execute()).map((f) => f.groupId),
        { timeout: 15_000 },
      )
      .toEqual([labelledId('g-ximk-2015')])
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('shows a signed member card offline, which a staff phone verifies offline, and refuses a forged one', async () => {
    await page.goto(`${server.url}/n/x-imk`)
    await page.getByTestId('card-link').click()
    const card = page.getByTestId('member-card')
    await card.getByText('Ola Nordmann').waitFor()
    await context.setOffline(true)
    await page.reload()
    await card.getByText('Ola Nordmann').waitFor()
    const url = await decodeQrIn(card.getByTestId('qr-code'))
    expect(url.startsWith(`${server.url}/card#`)).toBe(true)
    expect(await seriousAxeViolations(page)).toEqual([])
    await context.setOffline(false)

    // The board member has visited once (keys and member list on the phone), then checks at a door with no connection.
    const staff = await browser.newContext(PHONE)
    const staffPage = await staff.newPage()
    await signInAsDemo(staffPage, server.url, 'styre@demo.example')
    await staffPage.goto(`${server.url}/card`)
    await staffPage.getByTestId('card-verdict').waitFor()
    // The page load started a new sync; let it finish the member list.
    await expect
      .poll(
        async () =>
          (await deviceRows(staffPage, 'members')).some(
            (r) => r._key === `network:${labelledId('net-ximk')}:staff|${labelledId('p-demo-alumn')}`,
          ),
        { timeout: 20_000 },
      )
      .toBe(true)
    await waitForSync(staffPage)
    await staff.setOffline(true)
    await staffPage.goto(url)
    const verdict = staffPage.getByTestId('card-verdict')
    await verdict.getByText('Gyldig medlemskort').waitFor()
    await verdict.getByText('Ola Nordmann').waitFor()
    await verdict.getByText(/Medlem av X-IMK siden/).waitFor()
    expect(await verdict.getByText('står ikke i medlemslisten').count()).toBe(0)
    // The same card with another name in it: the signature no longer holds.
    const [body, signature] = url.split('#')[1]!.split('.')
    const forgedBody = Buffer.from(
      Buffer.from(body!, 'base64url').toString().replace('Ola Nordmann', 'Ole Nordmann'),
    ).toString('base64url')
    await staffPage.goto(`${server.url}/card#${forgedBody}.${signature}`)
    await staffPage.getByTestId('card-verdict').getByText('Ugyldig kort: signaturen stemmer ikke').waitFor()
    await staff.close()
  })

  it('lets staff add a board seat offline, which reaches the server once', async () => {
    const staff = await browser.newContext(PHONE)
    const staffPage = await staff.newPage()
    await signInAsDemo(staffPage, server.url, 'admin@demo.example')
    await staffPage.goto(`${server.url}/n/x-imk`)
    await staffPage.getByRole('link', { name: 'Styret', exact: true }).click()
    await staffPage.getByRole('heading', { level: 1, name: 'Styret' }).waitFor()
    await staff.setOffline(true)
    await staffPage.getByLabel('Navn').fill('Nora Leder')
    await staffPage.getByLabel('Rolle').selectOption('deputy')
    await staffPage.getByLabel('Oppnevnt').check()
    await staffPage.getByLabel('Periode fra').fill('2026-01-01')
    await staffPage.getByLabel('Periode til (valgfritt)').fill('2025-06-30')
    await staffPage.getByRole('button', { name: 'Lagre vervet' }).click()
    await staffPage.getByText('Perioden kan ikke slutte før den starter.').waitFor()
    await staffPage.getByLabel('Periode til (valgfritt)').fill('2027-12-31')
    await staffPage.getByRole('button', { name: 'Lagre vervet' }).click()
    await staffPage.getByTestId('board-seats').getByText('Nora Leder', { exact: true }).waitFor()
    expect(await seriousAxeViolations(staffPage)).toEqual([])
    await staff.setOffline(false)
    await expect
      .poll(
        async () =>
          server.database.db
            .selectFrom('boardSeat')
            .select(['role', 'selection', 'termEnd'])
            .where('personName', '=', 'Nora Leder')
            .execute(),
        { timeout: 15_000 },
      )
      .toEqual([{ role: 'deputy', selection: 'appointed', termEnd: '2027-12-31' }])
    await staff.close()
  })

  it('removes the directory from the device at the next sync after staff remove the member', async () => {
    const staff = await browser.newContext(PHONE)
    const staffPage = await staff.newPage()
    await signInAsDemo(staffPage, server.url, 'admin@demo.example')
    await staffPage.goto(`${server.url}/n/x-imk/roles`)
    await staffPage.getByLabel('Søk etter navn', { exact: true }).fill('Ola Nordmann')
    staffPage.once('dialog', (dialog) => {
      void dialog.accept()
    })
    await staffPage.getByRole('button', { name: 'Fjern Ola Nordmann fra nettverket' }).click()
    await expect
      .poll(
        async () =>
          (
            await server.database.db
              .selectFrom('membership')
              .select('status')
              .where('id', '=', membershipId(labelledId('net-ximk'), labelledId('p-demo-alumn')))
              .executeTakeFirstOrThrow()
          ).status,
        { timeout: 15_000 },
      )
      .toBe('ended')
    await staff.close()

    await page.goto(`${server.url}/n/x-imk/members`)
    // The server's hint (or the next sync) takes the directory off the phone.
    await expect.poll(async () => (await deviceRows(page, 'members')).length, { timeout: 20_000 }).toBe(0)
    await page.getByTestId('directory-members-only').waitFor()
  })
})
