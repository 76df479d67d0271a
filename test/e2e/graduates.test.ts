import { describe, expect } from 'vitest'
import { phoneTest } from '../helpers/phoneTest.ts'
import { seriousAxeViolations } from '../helpers/axe.ts'
import { signInAsDemo, waitForSync } from '../helpers/pages.ts'
import { liveClaimDegree, liveSignUp } from '../helpers/liveApi.ts'

const it = phoneTest({ members: 0 })

/** Who is an alum: a registry's graduate list verifies people; a claim waits for staff. */
describe('verified graduates, in Chromium', () => {
  it('a registrar tries a graduate list, sees each line, imports it, and the graduate joins at once', async ({
    server,
    phone,
  }) => {
    const graduate = await liveSignUp(server, 'Gunnar Graduert')
    // First only his word: asking X-IMK to join becomes a request, and his phone holds none of its members.
    await liveClaimDegree(server, graduate.email, 'Medievitenskap', 2021)
    const alum = await (await phone()).newPage()
    await signInAsDemo(alum, server.url, graduate.email)
    await alum.goto(`${server.url}/n/x-imk`)
    await alum.getByTestId('join-on-claims').waitFor()
    await alum.getByRole('button', { name: 'Be om å bli med' }).click()
    await alum.getByText('Du har bedt om å bli med.').waitFor()
    await waitForSync(alum)

    const registrar = await (await phone()).newPage()
    await signInAsDemo(registrar, server.url, 'registrar@demo.example')
    await registrar
      .getByTestId('graduate-imports')
      .getByRole('link', { name: /Universitetet i Oslo/ })
      .click()
    const file = [
      'Studentnummer;Navn;E-post;Studieprogram;Grad;Termin;Studiepoeng',
      `812001;Gunnar Graduert;${graduate.email};Medievitenskap;Master;2021 VÅR;120`,
      '812002;Hanne Historiker;hanne.h@example.org;Historie;Master;2020 HØST;120',
      '812003;Uten Program;uten@example.org;;Master;2020 HØST;120',
    ].join('\n')
    await registrar.getByTestId('graduate-file').setInputFiles({
      name: 'kandidater.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file)]),
    })
    const report = registrar.getByTestId('graduate-report')
    await report.getByText('Prøvekjøring av kandidater.csv').waitFor()
    expect(await report.getByTestId('graduate-counts').textContent()).toMatch(/Koblet til en konto:\s*1/)
    expect(await report.locator('tr[data-status="invalid"]').textContent()).toContain('Studieprogram: mangler')
    expect(await seriousAxeViolations(registrar)).toEqual([])
    await report.getByTestId('graduate-import').click()
    await report.getByText('kandidater.csv er importert').waitFor()
    // The graduate the app did not know is invited from the same screen.
    await report
      .getByTestId('graduate-invite-network')
      .selectOption({ label: 'X-IMK – alumninettverket for medier og kommunikasjon' })
    await report.getByRole('button', { name: 'Send invitasjoner' }).click()
    await report.getByTestId('graduate-invited').getByText('1 invitasjon er sendt.').waitFor()

    // Verified by the list, the request became a membership: the directory opens on his phone.
    await alum.goto(`${server.url}/n/x-imk`)
    await waitForSync(alum)
    await alum.getByText('Du er medlem.').waitFor({ timeout: 15_000 })

    // X-IMK's staff see it in the network's access log.
    const staff = await (await phone()).newPage()
    await signInAsDemo(staff, server.url, 'admin@demo.example')
    await staff.goto(`${server.url}/n/x-imk`)
    await staff.getByTestId('audit-link').click()
    await staff.getByTestId('audit-log').getByText('Medlem etter bekreftet utdanning').first().waitFor()
    expect(await seriousAxeViolations(staff)).toEqual([])
  })
})
