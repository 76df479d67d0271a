import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/** Links in mails point where people open the app: PUBLIC_URL, whatever address a request came in on. */
describe('links in mails (sqlite)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('sqlite', { members: 0, publicUrl: 'https://alumni.example' })
  })
  afterAll(async () => {
    await t.close()
  })
  const lastMailTo = (email: string) =>
    t.db
      .selectFrom('mailbox')
      .select('text')
      .where('toAddress', '=', email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()

  it('uses PUBLIC_URL in the sign-in mail and the invitation, not the address the request came in on', async () => {
    // The page is at PUBLIC_URL (its origin passes the CSRF check); the server itself answers at http://localhost.
    const headers = { origin: 'https://alumni.example' }
    expect(
      (
        await t.request('/api/auth/email/start', {
          method: 'POST',
          headers,
          json: { email: 'ny@example.org', locale: 'nb' },
        })
      ).status,
    ).toBe(200)
    expect((await lastMailTo('ny@example.org')).text).toMatch(/https:\/\/alumni\.example\/auth\/verify#token=/)
    const signIn = await t.request('/api/auth/dev/sign-in', {
      method: 'POST',
      headers,
      json: { email: 'admin@demo.example' },
    })
    const admin = signIn.headers.get('set-cookie')!.split(';')[0]!
    expect(
      (
        await t.request(`/api/networks/${labelledId('net-ximk')}/invitations`, {
          method: 'POST',
          headers,
          cookie: admin,
          json: { invitees: [{ email: 'invitert@example.org' }] },
        })
      ).status,
    ).toBe(200)
    const invitation = (await lastMailTo('invitert@example.org')).text
    expect(invitation).toMatch(/https:\/\/alumni\.example\/auth\/verify#token=/)
    expect(invitation).not.toContain('http://localhost')
  })
})
