import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import { runLawfulBasisJob } from '../../server/features/privacy/lawfulBasis.ts'
import { createMailer } from '../../server/lib/mail/mailer.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { membershipId } from '../../shared/ids.ts'

describe.each(TEST_DATABASES)('roles handed over, and lawful basis kept, on %s', (kind) => {
  let t: TestApp
  let smtp: SmtpCapture
  let n = 0
  beforeAll(async () => {
    smtp = await startSmtpCapture()
    t = await createTestApp(kind, { members: 0, smtpUrl: smtp.url })
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  async function change(email: string, name: string, args: unknown) {
    const cookie = await t.signIn(email)
    const res = await t.request('/api/sync/push', {
      method: 'POST',
      cookie,
      json: { clientId: `gov-${kind}-${++n}`, protocolVersion, mutations: [{ id: 1, name, args }] },
    })
    return (await res.json()).results[0] as { status: string; problem?: { type: string; detail?: string } }
  }

  it('hands the network over to a new administrator without losing anything, and never leaves it without one', async () => {
    expect(
      (
        await change('admin@demo.example', 'membership.setRole', {
          networkId: labelledId('net-ximk'),
          personId: labelledId('p-demo-admin'),
          role: 'member',
        })
      ).problem!.detail,
    ).toMatch(/Appoint another administrator first/)
    expect(
      (
        await change('styre@demo.example', 'membership.setRole', {
          networkId: labelledId('net-ximk'),
          personId: labelledId('p-demo-alumn'),
          role: 'admin',
        })
      ).problem!.type,
    ).toBe('urn:alumni:problem:forbidden')
    expect(
      (
        await change('admin@demo.example', 'membership.setRole', {
          networkId: labelledId('net-ximk'),
          personId: labelledId('p-demo-alumn'),
          role: 'admin',
        })
      ).status,
    ).toBe('applied')
    expect(
      (
        await change('alumn@demo.example', 'membership.setRole', {
          networkId: labelledId('net-ximk'),
          personId: labelledId('p-demo-admin'),
          role: 'member',
        })
      ).status,
    ).toBe('applied')
    // The old administrator can no longer edit; the new one can, and the page is as it was.
    expect(
      (
        await change('admin@demo.example', 'network.update', {
          networkId: labelledId('net-ximk'),
          patch: { purpose: 'x' },
        })
      ).problem!.type,
    ).toBe('urn:alumni:problem:forbidden')
    expect(
      (
        await change('alumn@demo.example', 'network.update', {
          networkId: labelledId('net-ximk'),
          patch: { contactEmail: 'ny@ximk.example' },
        })
      ).status,
    ).toBe('applied')
    const network = await t.db
      .selectFrom('network')
      .select(['purpose', 'statutes'])
      .where('id', '=', labelledId('net-ximk'))
      .executeTakeFirstOrThrow()
    expect(network.statutes).toMatch(/§ 1 Navn/)
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('action', '=', 'membership.role')
      .execute()
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      { from: 'member', to: 'admin' },
      { from: 'admin', to: 'member' },
    ])
  })

  it('asks for consent once before legitimate interest lapses, then ends the membership if none came', async () => {
    const expires = '2027-06-20T00:00:00.000Z'
    await t.db
      .updateTable('membership')
      .set({ lawfulBasis: 'legitimateInterest', basisExpiresAt: expires })
      .where('id', 'in', [
        membershipId(labelledId('net-ximk'), labelledId('p-demo-board')),
        membershipId(labelledId('net-ximk'), labelledId('p-demo-admin')),
      ])
      .execute()
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'test@example.org', isDemo: false }, t.db)
    const before = smtp.mails.length

    expect(await runLawfulBasisJob(t.db, mailer, 'http://localhost', new Date('2027-04-01T00:00:00Z'))).toEqual({
      asked: 0,
      ended: 0,
    })
    expect(await runLawfulBasisJob(t.db, mailer, 'http://localhost', new Date('2027-06-01T00:00:00Z'))).toEqual({
      asked: 2,
      ended: 0,
    })
    expect(smtp.mails.length).toBe(before + 2)
    expect(smtp.mails.at(-1)!.subject).toMatch(/^Vil du fortsatt være med i X-IMK/)
    // Asked once only.
    expect(await runLawfulBasisJob(t.db, mailer, 'http://localhost', new Date('2027-06-02T00:00:00Z'))).toEqual({
      asked: 0,
      ended: 0,
    })

    // One of them consents; the other does not.
    expect(
      (await change('admin@demo.example', 'membership.consent', { networkId: labelledId('net-ximk') })).status,
    ).toBe('applied')
    expect(await runLawfulBasisJob(t.db, mailer, 'http://localhost', new Date('2027-06-21T00:00:00Z'))).toEqual({
      asked: 0,
      ended: 1,
    })
    const statuses = await t.db
      .selectFrom('membership')
      .select(['id', 'status', 'lawfulBasis'])
      .where('id', 'in', [
        membershipId(labelledId('net-ximk'), labelledId('p-demo-board')),
        membershipId(labelledId('net-ximk'), labelledId('p-demo-admin')),
      ])
      .orderBy('id')
      .execute()
    expect(statuses).toEqual(
      [
        {
          id: membershipId(labelledId('net-ximk'), labelledId('p-demo-admin')),
          status: 'active',
          lawfulBasis: 'consent',
        },
        {
          id: membershipId(labelledId('net-ximk'), labelledId('p-demo-board')),
          status: 'ended',
          lawfulBasis: 'legitimateInterest',
        },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    )
  })

  it('refuses unknown roles and oversized fields with the field named, and writes nothing', async () => {
    const unknownRole = await change('admin@demo.example', 'membership.setRole', {
      networkId: labelledId('net-ximk'),
      personId: labelledId('p-demo-alumn'),
      role: 'owner',
    })
    expect(unknownRole.status).toBe('rejected')
    expect(unknownRole.problem!.type).toBe('urn:alumni:problem:validation')
    const tooLong = await change('alumn@demo.example', 'profile.update', {
      patch: { bio: 'x'.repeat(2001), city: 'Ålesund' },
    })
    expect(tooLong.status).toBe('rejected')
    expect((tooLong.problem as { errors?: { path: unknown[] }[] }).errors![0]!.path).toEqual(['args', 'patch', 'bio'])
    const person = await t.db
      .selectFrom('person')
      .select(['city', 'bio'])
      .where('id', '=', labelledId('p-demo-alumn'))
      .executeTakeFirstOrThrow()
    expect(person.city).not.toBe('Ålesund')
    const signIn = await t.request('/api/auth/email/start', {
      method: 'POST',
      json: { email: `${'a'.repeat(250)}@example.org` },
    })
    expect(signIn.status).toBe(422)
    expect((await signIn.json()).errors[0].path).toEqual(['body', 'email'])
  })
})
