import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import {
  createTestApp,
  importGraduatesAs,
  institutionStaff,
  pullEverything,
  signUp,
  type TestApp,
} from '../helpers/testApp.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

// A synthetic number (month + 80, as the National Registry's test numbers are): valid check digits, nobody's.
const NATIONAL_ID = '01819010001'

describe.each(TEST_DATABASES)('graduate lists from the student register on %s', (kind) => {
  let t: TestApp
  let registrar: { id: string; email: string; cookie: string }
  let kari: { id: string; email: string; cookie: string }
  let ola: { id: string; email: string; cookie: string }
  let file: string
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
    registrar = await institutionStaff(t, 'uio')
    kari = await signUp(t, 'Kari Kandidat')
    ola = await signUp(t, 'Ola Oppgitt')
    // As FS exports it: semicolons, a byte order mark, Windows line ends, two bad lines.
    file = [
      '\uFEFFStudentnummer;Fødselsnummer;Navn;E-post;Programkode;Studieprogram;Grad;Termin;Studiepoeng',
      `600001;${NATIONAL_ID};Kari Kandidat;${kari.email.toUpperCase()};MEVIT-MA;Medievitenskap;Master;2019 VÅR;120`,
      '600002;;Nina Ny;nina.ny@example.org;HIS-MA;Historie;Master;2021 HØST;120',
      '600003;;Feil Dato;feil@example.org;HIS-MA;Historie;Master;2021 HØST;mange',
      ';;Uten Nummer;uten@example.org;HIS-MA;Historie;Master;2021 HØST;120',
      `600005;;Ola Oppgitt;${ola.email};TEO-MA;Teologi;Master;2018 VÅR;300`,
    ].join('\r\n')
  })
  afterAll(async () => {
    await t.close()
  })

  const changeLogSize = async () =>
    Number(
      (
        await t.db
          .selectFrom('changeLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it("refuses anyone but the institution's own staff", async () => {
    const res = await t.request('/api/institutions/uio/graduates/import', {
      method: 'POST',
      cookie: kari.cookie,
      json: { csv: file, dryRun: true },
    })
    expect(res.status).toBe(403)
    const elsewhere = await t.request('/api/institutions/ntnu/graduates/import', {
      method: 'POST',
      cookie: registrar.cookie,
      json: { csv: file, dryRun: true },
    })
    expect(elsewhere.status).toBe(403)
  })

  it('reports line by line in a dry run and writes nothing', async () => {
    const before = await changeLogSize()
    const report = await importGraduatesAs(t, registrar.cookie, 'uio', file, true)
    expect(report.counts).toEqual({ new: 1, matched: 2, updated: 0, unchanged: 0, ambiguous: 0, invalid: 2 })
    expect(report.lines.map((l) => [l.line, l.status, l.field])).toEqual([
      [2, 'matched', null],
      [3, 'new', null],
      [4, 'invalid', 'credits'],
      [5, 'invalid', 'studentNumber'],
      [6, 'matched', null],
    ])
    expect(report.lines[1]!.email).toBe('nina.ny@example.org')
    expect(
      await t.db.selectFrom('graduateRecord').select('id').where('studentNumber', 'like', '6000%').execute(),
    ).toEqual([])
    expect(await changeLogSize()).toBe(before)
  })

  it('imports for real: matched people get verified education, and a re-import changes nothing', async () => {
    const report = await importGraduatesAs(t, registrar.cookie, 'uio', file)
    expect(report.counts).toMatchObject({ new: 1, matched: 2, invalid: 2 })
    const { changes } = await pullEverything(t, kari.cookie)
    const education = changes.findLast((c) => c.entity === 'education')?.data
    expect(education).toMatchObject({ programme: 'Medievitenskap', source: 'institution', graduationYear: 2019 })
    expect(JSON.stringify(changes)).not.toContain(NATIONAL_ID)

    const before = await changeLogSize()
    const again = await importGraduatesAs(t, registrar.cookie, 'uio', file)
    expect(again.counts).toEqual({ new: 0, matched: 0, updated: 0, unchanged: 3, ambiguous: 0, invalid: 2 })
    expect(await changeLogSize()).toBe(before)
  })

  it('keeps a national id number only as a keyed hash, and never sends it to a device', async () => {
    const rows = await t.db.selectFrom('graduateRecord').selectAll().execute()
    expect(JSON.stringify(rows)).not.toContain(NATIONAL_ID)
    expect(rows.find((r) => r.studentNumber === '600001')?.nationalIdHash).toMatch(/^[\w-]{43}$/)
    const exported = await (await t.request('/api/me/export', { cookie: kari.cookie })).text()
    expect(exported).not.toContain(NATIONAL_ID)
    expect(exported).toContain('600001')
  })

  it('makes a graduate who signs up later with the imported address verified without typing anything', async () => {
    const res = await t.request('/api/auth/email/start', {
      method: 'POST',
      json: { email: 'nina.ny@example.org', locale: 'nb' },
    })
    expect(res.status).toBe(200)
    const { challengeId } = (await res.json()) as { challengeId: string }
    const mail = await t.db
      .selectFrom('mailbox')
      .select('text')
      .where('toAddress', '=', 'nina.ny@example.org')
      .executeTakeFirstOrThrow()
    const verify = await t.request('/api/auth/email/verify', {
      method: 'POST',
      json: { challengeId, code: /\b(\d{6})\b/.exec(mail.text)![1] },
    })
    const nina = ((await verify.json()) as { profile: { id: string } }).profile.id
    const education = await t.db
      .selectFrom('education')
      .select(['programme', 'source', 'verifiedBy'])
      .where('personId', '=', nina)
      .execute()
    expect(education).toEqual([{ programme: 'Historie', source: 'institution', verifiedBy: 'import:uio' }])
  })

  it('never merges a line that points at two accounts: it is reported as ambiguous and left alone', async () => {
    // Kari's record (tied to Kari) now carries Ola's address: two accounts, so nothing moves.
    const clash = `Studentnummer;Navn;E-post;Studieprogram;Grad;Termin\n600001;Kari Kandidat;${ola.email};Medievitenskap;Master;2019 VÅR\n`
    const report = await importGraduatesAs(t, registrar.cookie, 'uio', clash)
    expect(report.lines).toMatchObject([{ line: 2, status: 'ambiguous' }])
    const record = await t.db
      .selectFrom('graduateRecord')
      .select(['personId'])
      .where('studentNumber', '=', '600001')
      .executeTakeFirstOrThrow()
    expect(record.personId).toBe(kari.id)
    const olas = await t.db
      .selectFrom('education')
      .select('programme')
      .where('personId', '=', ola.id)
      .where('source', '=', 'institution')
      .execute()
    expect(olas).toEqual([{ programme: 'Teologi' }])
  })

  it("lets the registry invite its graduates without an account to its own institution's networks only", async () => {
    const invite = (networkId: string) =>
      t.request(`/api/networks/${networkId}/invitations`, {
        method: 'POST',
        cookie: registrar.cookie,
        json: { invitees: [{ email: 'nina.ny.2@example.org', name: 'Nina Ny' }] },
      })
    const ours = await invite(labelledId('net-ximk'))
    expect(ours.status).toBe(200)
    expect(((await ours.json()) as { sent: number }).sent).toBe(1)
    expect((await invite(labelledId('net-nhh'))).status).toBe(403)
  })

  it('refuses a file that is not CSV with a problem naming it, and an oversized upload with 413', async () => {
    const broken = await t.request('/api/institutions/uio/graduates/import', {
      method: 'POST',
      cookie: registrar.cookie,
      json: { csv: 'navn;studieprogram\n"Kari;Historie\n', dryRun: true },
    })
    expect(broken.status).toBe(422)
    expect((await broken.json()).errors).toEqual([{ path: ['body', 'csv'], message: 'unreadable CSV' }])
    const huge = await t.request('/api/institutions/uio/graduates/import', {
      method: 'POST',
      cookie: registrar.cookie,
      json: { csv: 'x'.repeat(7 * 1024 * 1024), dryRun: true },
    })
    expect(huge.status).toBe(413)
  })
})
