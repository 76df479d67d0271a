import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import { InviteResultSchema } from '../../shared/schemas/invitation.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const CSV = `E-post,Navn
kari@example.org,Kari Kandidat
ikke-en-adresse,Feil Person
per@example.org,Per Historiker

"ola@example.org","Ola, med komma"
kari@example.org,Kari igjen
`

describe.each(TEST_DATABASES)('invitations on %s', (kind) => {
  let t: TestApp
  let smtp: SmtpCapture
  let admin: string
  beforeAll(async () => {
    smtp = await startSmtpCapture()
    t = await createTestApp(kind, { members: 0, smtpUrl: smtp.url })
    // IAKH is invite-only; the demo admin runs X-IMK, so make a consultant run IAKH.
    await t.db
      .insertInto('membership')
      .values({
        id: 'm-admin-iakh',
        networkId: labelledId('net-iakh'),
        personId: labelledId('p-demo-admin'),
        status: 'active',
        role: 'admin',
        since: new Date().toISOString(),
        source: 'seed',
      })
      .execute()
    admin = await t.signIn('admin@demo.example')
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  const invite = (body: object, cookie = admin) =>
    t.request(`/api/networks/${labelledId('net-iakh')}/invitations`, { method: 'POST', cookie, json: body })

  it('imports a CSV: valid lines are mailed, invalid ones reported by line, duplicates skipped', async () => {
    const res = await invite({ csv: CSV })
    expect(res.status).toBe(200)
    const result = InviteResultSchema.parse(await res.json())
    // A repeated address is a line of its own to fix, reported like a bad one.
    expect(result).toEqual({
      sent: 3,
      alreadyInvited: 0,
      alreadyMembers: 0,
      errors: [
        { line: 3, value: 'ikke-en-adresse', message: 'badEmail' },
        { line: 6, value: 'kari@example.org', message: 'duplicate' },
      ],
    })
    const mails = [await smtp.next(), await smtp.next(), await smtp.next()]
    expect(mails.map((m) => (m.to as { text: string }).text).sort()).toEqual([
      'kari@example.org',
      'ola@example.org',
      'per@example.org',
    ])
    expect(mails[0]!.subject).toMatch(/^Du er invitert til Alumninettverket for historie/)
  })

  it('sends nothing again when the same file is imported twice', async () => {
    const before = smtp.mails.length
    const result = InviteResultSchema.parse(await (await invite({ csv: CSV })).json())
    expect(result.sent).toBe(0)
    expect(result.alreadyInvited).toBe(3)
    expect(smtp.mails.length).toBe(before)
  })

  it('reminds everyone not yet accepted in one go, but not twice in a day', async () => {
    const remind = () =>
      t.request(`/api/networks/${labelledId('net-iakh')}/invitations/remind`, { method: 'POST', cookie: admin })
    expect(await (await remind()).json()).toEqual({ sent: 0 })
    await t.db
      .updateTable('invitation')
      .set({ lastSentAt: new Date(Date.now() - 2 * 86_400_000).toISOString() })
      .where('networkId', '=', labelledId('net-iakh'))
      .execute()
    const before = smtp.mails.length
    expect(await (await remind()).json()).toEqual({ sent: 3 })
    // Taken from the capture, so the tests after this read their own mails.
    const reminders = [await smtp.next(), await smtp.next(), await smtp.next()]
    expect(smtp.mails.length).toBe(before + 3)
    expect(reminders.map((m) => m.subject)).toEqual(Array(3).fill(reminders[0]!.subject))
    expect(await (await remind()).json()).toEqual({ sent: 0 })
    expect(
      (
        await t.request(`/api/networks/${labelledId('net-iakh')}/invitations/remind`, {
          method: 'POST',
          cookie: await t.signIn('alumn@demo.example'),
        })
      ).status,
    ).toBe(403)
  })

  it('makes the person who follows the link a signed-in member of the invite-only network', async () => {
    await invite({ invitees: [{ email: 'ny.historiker@example.org' }] })
    const mail = await smtp.next()
    const token = mail.text!.match(/#token=([\w-]+)/)![1]!
    expect(mail.text).toContain('&network=historie-alumni')
    const res = await t.request('/api/auth/email/verify', { method: 'POST', json: { token } })
    expect(res.status).toBe(200)
    const me = (await res.json()) as {
      profile: { email: string }
      memberships: { networkId: string; status: string; source: string }[]
    }
    expect(me.profile.email).toBe('ny.historiker@example.org')
    expect(me.memberships).toEqual([
      expect.objectContaining({ networkId: labelledId('net-iakh'), status: 'active', source: 'invite' }),
    ])
    const invitation = await t.db
      .selectFrom('invitation')
      .select('status')
      .where('email', '=', 'ny.historiker@example.org')
      .executeTakeFirstOrThrow()
    expect(invitation.status).toBe('accepted')
  })

  it('renews and resends an expired invitation', async () => {
    await t.db
      .updateTable('invitation')
      .set({ expiresAt: '2000-01-01T00:00:00.000Z' })
      .where('email', '=', 'per@example.org')
      .execute()
    const list = (await (
      await t.request(`/api/networks/${labelledId('net-iakh')}/invitations`, { cookie: admin })
    ).json()) as { id: string; email: string; status: string }[]
    const per = list.find((i) => i.email === 'per@example.org')! as (typeof list)[number] & { sendCount: number }
    expect(per.status).toBe('expired')
    expect(
      (
        await t.request(`/api/networks/${labelledId('net-iakh')}/invitations/${per.id}/resend`, {
          method: 'POST',
          cookie: admin,
        })
      ).status,
    ).toBe(200)
    expect(((await smtp.next()).to as { text: string }).text).toBe('per@example.org')
    const again = (await (
      await t.request(`/api/networks/${labelledId('net-iakh')}/invitations`, { cookie: admin })
    ).json()) as { email: string; status: string; sendCount: number }[]
    expect(again.find((i) => i.email === 'per@example.org')).toMatchObject({
      status: 'pending',
      sendCount: per.sendCount + 1,
    })
  })

  it('lets only those who run the network invite', async () => {
    const member = await t.signIn('alumn@demo.example')
    expect((await invite({ invitees: [{ email: 'x@example.org' }] }, member)).status).toBe(403)
    expect(
      (
        await t.request(`/api/networks/${labelledId('net-iakh')}/invitations`, {
          method: 'POST',
          json: { csv: 'a@b.no' },
        })
      ).status,
    ).toBe(401)
  })

  it('refuses a body with neither or both forms, naming the field', async () => {
    const res = await invite({})
    expect(res.status).toBe(422)
    expect((await res.json()).errors[0].path).toEqual(['body', 'csv'])
  })
})
