import { describe, expect } from 'vitest'
import { phoneTest } from '../helpers/phoneTest.ts'
import { signInAsDemo } from '../helpers/pages.ts'
import { liveNetwork } from '../helpers/liveApi.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const it = phoneTest()

/** Signing in on a phone: e-mail link through the dev mailbox, then a passkey. */
describe('accounts, in Chromium', () => {
  it('signs a new person in through the mailed link, in English when chosen', async ({ server, phone }) => {
    const context = await phone({ locale: 'en-GB' })
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
    // Switching language: bokmål is always there; English is fetched the first time it is used.
    await page.getByRole('button', { name: 'Norsk bokmål' }).click()
    await page
      .getByRole('button', { name: 'Send meg en innloggingslenke' })
      .or(page.getByRole('button', { name: 'Logg ut', exact: true }))
      .first()
      .waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nb')
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
  })

  it('adds a passkey, signs out, and signs in with it (virtual authenticator)', async ({ server, phone }) => {
    const context = await phone()
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    })
    await signInAsDemo(page, server.url, 'alumn@demo.example')
    await page.getByRole('button', { name: 'Legg til passnøkkel' }).click()
    await page.getByTestId('passkey-message').getByText('Passnøkkelen er lagt til').waitFor()

    await page.getByRole('button', { name: 'Logg ut', exact: true }).click()
    await page.getByRole('button', { name: 'Logg inn med passnøkkel' }).click()
    await page.getByTestId('signed-in-as').getByText('Ola Nordmann').waitFor()
    const passkeys = await server.database.db.selectFrom('passkey').select(['personId', 'lastUsedAt']).execute()
    expect(passkeys).toEqual([{ personId: labelledId('p-demo-alumn'), lastUsedAt: expect.any(String) }])
    // A lost phone: remove its passkey.
    await page.getByRole('button', { name: 'Fjern passnøkkel 1' }).click()
    await page.getByTestId('passkeys').waitFor({ state: 'detached' })
    expect(await server.database.db.selectFrom('passkey').select('id').execute()).toEqual([])
  })

  it('asks to join on a claimed degree, staff confirm it or approve from another phone, and the phone follows', async ({
    server,
    phone,
  }) => {
    const alumnContext = await phone()
    const alumn = await alumnContext.newPage()
    await signInAsDemo(alumn, server.url, 'liv.student@example.org')
    expect(await seriousAxeViolations(alumn)).toEqual([])
    await alumn.goto(`${server.url}/me/profile`)
    await alumn.getByLabel('Arbeidsgiver').first().waitFor()
    expect(await seriousAxeViolations(alumn), 'profile page').toEqual([])

    async function addEducation(programme: string): Promise<void> {
      await alumn.goto(`${server.url}/me`)
      await alumn.getByLabel('Studieprogram').fill(programme)
      await alumn.getByLabel('Uteksaminert år').fill('2020')
      await alumn.getByRole('button', { name: 'Legg til utdanning' }).click()
      await alumn.getByTestId('educations').getByText(programme, { exact: true }).waitFor()
    }

    // An open network (X-IMK): refused until the education qualifies; a degree only claimed is a request.
    await alumn.goto(`${server.url}/n/x-imk`)
    await alumn.getByTestId('join-panel').getByText('oppfyller ikke kravene').waitFor()
    await addEducation('Medievitenskap')
    await alumn.goto(`${server.url}/n/x-imk`)
    await alumn.getByTestId('join-on-claims').waitFor()
    await alumn.getByRole('button', { name: 'Be om å bli med' }).click()
    await alumn.getByTestId('join-panel').getByText('Du har bedt om å bli med').waitFor()
    const { db } = server.database
    const statusOf = async (networkId: string) =>
      (
        await db
          .selectFrom('membership')
          .innerJoin('person', 'person.id', 'membership.personId')
          .select('membership.status')
          .where('person.email', '=', 'liv.student@example.org')
          .where('membership.networkId', '=', networkId)
          .executeTakeFirst()
      )?.status
    await expect.poll(() => statusOf(labelledId('net-ximk'))).toBe('requested')

    // X-IMK's staff check the claim against the register from another phone: confirmed, she is in at once.
    const staffContext = await phone()
    const staff = await staffContext.newPage()
    await signInAsDemo(staff, server.url, 'admin@demo.example')
    await staff.goto(`${server.url}/n/x-imk/requests`)
    const request = staff.getByTestId('join-requests').getByRole('listitem').filter({ hasText: 'Liv Student' })
    await request.getByText('Oppgitt av søkeren, ikke bekreftet').waitFor()
    expect(await seriousAxeViolations(staff)).toEqual([])
    await request.getByRole('button', { name: 'Bekreft Medievitenskap mot studentregisteret' }).click()
    await expect.poll(() => statusOf(labelledId('net-ximk'))).toBe('active')
    await alumn.getByTestId('join-panel').getByText('Du er medlem.').waitFor()

    // A network where staff approve (SV's economists).
    await addEducation('Samfunnsøkonomi')
    await alumn.goto(`${server.url}/n/sosialokonomi-alumni`)
    await alumn.getByRole('button', { name: 'Be om å bli med' }).click()
    await alumn.getByTestId('join-panel').getByText('Du har bedt om å bli med').waitFor()
    await expect.poll(() => statusOf(labelledId('net-sv-econ'))).toBe('requested')

    await staff.goto(`${server.url}/n/sosialokonomi-alumni/requests`)
    await staff.getByTestId('join-requests').getByText('Liv Student', { exact: true }).waitFor()
    await staff.getByRole('button', { name: 'Godkjenn Liv Student' }).click()
    await expect.poll(() => statusOf(labelledId('net-sv-econ'))).toBe('active')

    // The applicant's phone hears of it (a server hint, or the next sync) without reloading.
    await alumn.getByTestId('join-panel').getByText('Du er medlem.').waitFor()
  })

  it('goes from an invitation e-mail to a signed-in member of an invite-only network', async ({ server, phone }) => {
    const staffContext = await phone()
    const staff = await staffContext.newPage()
    // An invite-only network the faculty's coordinator started in the app (IAKH's way of working).
    const network = await liveNetwork(server, 'koordinator@demo.example', 'Historie', [], 'invite')
    await signInAsDemo(staff, server.url, 'koordinator@demo.example')
    await staff.goto(`${server.url}/n/${network.slug}/invitations`)
    // A spreadsheet's export: semicolons, a BOM, the header in its own order, one bad line and one repeated.
    await staff.getByLabel('Eller velg en CSV-fil').setInputFiles({
      name: 'kandidater.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        '\uFEFFKull;Navn;E-post\n2023;Hanne Historiker;hanne.historiker@example.org\n2023;Uten Adresse;ikke en adresse\n2024;Hanne igjen;HANNE.historiker@example.org\n',
      ),
    })
    const preview = staff.getByTestId('invite-preview')
    await preview.getByText('1 invitasjon blir sendt. 2 linjer hoppes over.').waitFor()
    expect(await preview.getByRole('radio', { name: 'E-post' }).isChecked()).toBe(true)
    // The errors are counted, and listed only when asked for.
    expect(await preview.getByText('Linje 3: «ikke en adresse» er ikke en gyldig e-postadresse').isVisible()).toBe(
      false,
    )
    await preview.getByText('Vis de 2 linjene som hoppes over').click()
    await preview.getByText('Linje 3: «ikke en adresse» er ikke en gyldig e-postadresse').waitFor()
    await preview.getByText('Linje 4: «HANNE.historiker@example.org» står også lenger opp i fila').waitFor()
    expect(await seriousAxeViolations(staff)).toEqual([])
    await staff.getByRole('button', { name: 'Send 1 invitasjon' }).click()
    const result = staff.getByTestId('invite-result')
    await result.getByText('Sendt: 1.').waitFor()
    await staff.getByTestId('invite-totals').getByText('Venter: 1. Utløpt: 0. Takket ja: 0.').waitFor()
    await staff.getByTestId('invitation-list').getByText('Hanne Historiker <hanne.historiker@example.org>').waitFor()
    // One button reminds everyone not yet answered; just invited, nobody is reminded twice in a day.
    staff.once('dialog', (dialog) => {
      void dialog.accept()
    })
    await staff.getByTestId('remind-all').click()
    await staff
      .getByTestId('reminded')
      .getByText(/Ingen fikk påminnelse/)
      .waitFor()
    expect(await seriousAxeViolations(staff)).toEqual([])

    const invitee = await (await phone()).newPage()
    await invitee.goto(`${server.url}/dev/mailbox`)
    const mail = invitee
      .getByTestId('mailbox')
      .getByRole('listitem')
      .filter({ hasText: 'hanne.historiker@example.org' })
      .first()
    await mail.getByText(`Du er invitert til ${network.name}`).waitFor()
    const started = Date.now()
    await mail.getByRole('link').click()
    await invitee.waitForURL(`${server.url}/n/${network.slug}`)
    await invitee.getByTestId('join-panel').getByText('Du er medlem.').waitFor()
    console.log(`invitation link to signed-in member: ${Date.now() - started} ms`)
  })

  it('hands a board seat over from the members and roles page', async ({ server, phone }) => {
    const context = await phone()
    const page = await context.newPage()
    await signInAsDemo(page, server.url, 'admin@demo.example')
    await page.goto(`${server.url}/n/x-imk/roles`)
    await page.getByLabel('Søk etter navn').fill('Ola Nordmann')
    await page.getByLabel('Rollen til Ola Nordmann').selectOption('board')
    const { db } = server.database
    await expect
      .poll(
        async () =>
          (
            await db
              .selectFrom('membership')
              .select('role')
              .where('personId', '=', labelledId('p-demo-alumn'))
              .where('networkId', '=', labelledId('net-ximk'))
              .executeTakeFirst()
          )?.role,
      )
      .toBe('board')
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('sets a profile photo, cropped to 256×256 on the phone', async ({ server, phone }) => {
    const context = await phone()
    const page = await context.newPage()
    await signInAsDemo(page, server.url, 'styre@demo.example')
    await page.goto(`${server.url}/me/profile`)
    await page.getByLabel('Velg et bilde').setInputFiles('client/public/icons/icon-512.png')
    const photo = page.getByTestId('own-photo')
    await photo.waitFor()
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256)
  })
})
