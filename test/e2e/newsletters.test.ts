import { describe, expect } from 'vitest'
import { phoneTest } from '../helpers/phoneTest.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { liveNetwork, liveSignUp } from '../helpers/liveApi.ts'

const it = phoneTest()

/** A newsletter from staff's phone to members' inboxes and archives, read offline, counted, and unsubscribed from. */
describe('newsletters, in Chromium', () => {
  it('staff write and send one; a member reads it offline from the archive; the mail arrives with an unsubscribe link that works', async ({
    server,
    phone,
  }) => {
    // A network the faculty's coordinator started, with one member who signed up in the app; the coordinator writes.
    const reader = await liveSignUp(server, 'Rita Leser')
    const network = await liveNetwork(server, 'koordinator@demo.example', 'Filosofi', [reader.email])
    const staff = await phone()
    const staffPage = await staff.newPage()
    await signInAsDemo(staffPage, server.url, 'koordinator@demo.example')
    await staffPage.goto(`${server.url}/n/${network.slug}`)
    await staffPage.getByTestId('newsletters-link').click()
    await staffPage.getByRole('link', { name: 'Nytt nyhetsbrev' }).click()
    await staffPage.getByLabel('Tittel (emnefelt i e-posten)').fill('Nytt fra Filosofi i desember')
    await staffPage.getByRole('button', { name: '+ Overskrift' }).click()
    await staffPage.getByLabel('Overskrift, del 1').fill('Julemøte')
    await staffPage.getByRole('button', { name: '+ Tekst' }).click()
    await staffPage.getByLabel('Tekst, del 2').fill('Vi samles på Chateau Neuf. <b>Velkommen!</b>')
    await staffPage.getByRole('button', { name: '+ Lenke' }).click()
    await staffPage.getByLabel('Lenkeadresse, del 3').fill('javascript:alert(1)')
    await staffPage.getByLabel('Lenketekst, del 3').fill('Program')
    await staffPage.getByRole('button', { name: 'Lagre utkast' }).click()
    await staffPage.getByText('Fyll ut denne delen (lenker og bilder må ha en https-adresse).').waitFor()
    await staffPage.getByLabel('Lenkeadresse, del 3').fill('https://www.uio.no/program')
    // The preview shows it as the app will, the markup as text.
    await staffPage.getByRole('heading', { name: 'Julemøte' }).waitFor()
    await staffPage.getByText('Vi samles på Chateau Neuf. <b>Velkommen!</b>').waitFor()
    expect(await seriousAxeViolations(staffPage)).toEqual([])
    // Saved, the issue gets its own address, and the mail preview is offered before sending.
    await staffPage.getByRole('button', { name: 'Lagre utkast' }).click()
    await staffPage.waitForURL(/\/nl\/[0-9a-f-]{36}\/edit$/)
    await staffPage.getByRole('link', { name: 'Forhåndsvis som e-post' }).waitFor()
    await staffPage.getByRole('heading', { name: 'Julemøte' }).waitFor()
    staffPage.once('dialog', (dialog) => {
      void dialog.accept()
    })
    await staffPage.getByTestId('send-now').click()
    await staffPage
      .getByTestId('newsletters-archive')
      .getByRole('link', { name: 'Nytt fra Filosofi i desember' })
      .waitFor({ timeout: 20_000 })

    // The member's phone: the issue is in the archive, readable offline; opening it counts.
    const member = await phone()
    const page = await member.newPage()
    await signInAsDemo(page, server.url, reader.email)
    await page.goto(`${server.url}/n/${network.slug}/newsletters`)
    await page
      .getByTestId('newsletters-archive')
      .getByRole('link', { name: 'Nytt fra Filosofi i desember' })
      .waitFor({ timeout: 20_000 })
    await waitForSync(page)
    // The app is installed for offline use (its service worker controls the page) before the network goes.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
    await member.setOffline(true)
    await page.reload()
    await page.getByTestId('newsletters-archive').getByRole('link', { name: 'Nytt fra Filosofi i desember' }).click()
    await page.getByTestId('newsletter-body').getByRole('link', { name: 'Program' }).waitFor()
    expect(await page.getByTestId('newsletter-body').getByRole('link', { name: 'Program' }).getAttribute('href')).toBe(
      'https://www.uio.no/program',
    )
    expect(await seriousAxeViolations(page)).toEqual([])
    await member.setOffline(false)
    await expect
      .poll(
        async () =>
          (await server.database.db.selectFrom('newsletterOpen').select('personId').execute()).map((o) => o.personId),
        { timeout: 15_000 },
      )
      .toEqual([reader.id])
    // Staff see the figures.
    await expect
      .poll(
        async () => {
          await staffPage.reload()
          return staffPage
            .getByTestId('newsletter-stats')
            .first()
            .textContent({ timeout: 5000 })
            .catch(() => '')
        },
        { timeout: 20_000 },
      )
      .toMatch(/levert 1, åpnet i appen 1/)

    // The mail (the demo's mailbox stands in for SMTP here; newsletters.test.ts uses a real SMTP server).
    await expect
      .poll(
        async () =>
          server.database.db
            .selectFrom('mailbox')
            .select(['text'])
            .where('toAddress', '=', reader.email)
            .where('subject', '=', 'Nytt fra Filosofi i desember')
            .executeTakeFirst(),
        { timeout: 20_000 },
      )
      .toBeTruthy()
    const { text } = await server.database.db
      .selectFrom('mailbox')
      .select(['text'])
      .where('toAddress', '=', reader.email)
      .where('subject', '=', 'Nytt fra Filosofi i desember')
      .executeTakeFirstOrThrow()
    const link = text.match(/http:\/\/localhost:\d+\/unsubscribe#[A-Za-z0-9_-]+/)![0]
    await page.goto(link)
    await page
      .getByTestId('unsubscribed')
      .getByText(/Du får ikke lenger nyhetsbrev fra Alumni i filosofi/)
      .waitFor()
    expect(await server.database.db.selectFrom('newsletterOptout').select('personId').execute()).toEqual([
      { personId: reader.id },
    ])
  })
})
