import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

describe.each(TEST_DATABASES)('sign-in by e-mail over real SMTP on %s', (kind) => {
  let t: TestApp
  let smtp: SmtpCapture
  beforeAll(async () => {
    smtp = await startSmtpCapture()
    t = await createTestApp(kind, { members: 0, smtpUrl: smtp.url })
  })
  afterAll(async () => {
    await t.close()
    await smtp.close()
  })

  const start = (email: string, locale: 'nb' | 'en' = 'nb') =>
    t.request('/api/auth/email/start', { method: 'POST', json: { email, locale } })
  const verify = (body: object) => t.request('/api/auth/email/verify', { method: 'POST', json: body })
  const tokenIn = (text: string) => text.match(/#token=([\w-]+)/)![1]!
  const codeIn = (text: string) => text.match(/\b(\d{6})\b/)![1]!

  it("mails a link and a code in the reader's language, and the link signs a new person in once", async () => {
    const started = await start('Ny.Person@Example.org', 'en')
    expect(started.status).toBe(200)
    const mail = await smtp.next()
    expect(mail.to).toMatchObject({ text: 'ny.person@example.org' })
    expect(mail.subject).toBe('Sign in to Alumni networks')
    expect(mail.headers.get('content-language')).toBe('en')
    expect(mail.text).toContain('http://localhost/auth/verify#token=')
    expect(mail.html).toContain('lang="en"')
    expect(mail.text).toMatch(/code \d{6}/)

    const signedIn = await verify({ token: tokenIn(mail.text!) })
    expect(signedIn.status).toBe(200)
    expect(signedIn.headers.get('set-cookie')).toMatch(/^sid=.*HttpOnly/i)
    expect((await signedIn.json()).profile.email).toBe('ny.person@example.org')

    const replayed = await verify({ token: tokenIn(mail.text!) })
    expect(replayed.status).toBe(422)
    expect((await replayed.json()).detail).toMatch(/expired or was already used/)
  })

  it('accepts the code instead of the link, after a wrong try; Norwegian by default', async () => {
    const { challengeId } = (await (await start('alumn@demo.example')).json()) as { challengeId: string }
    const mail = await smtp.next()
    expect(mail.subject).toBe('Logg inn i Alumninettverk')
    const code = codeIn(mail.text!)
    const wrong = await verify({ challengeId, code: code === '000000' ? '111111' : '000000' })
    expect(wrong.status).toBe(422)
    expect((await wrong.json()).errors[0].path).toEqual(['body', 'code'])
    const right = await verify({ challengeId, code })
    expect(right.status).toBe(200)
    expect((await right.json()).profile.id).toBe(labelledId('p-demo-alumn'))
  })

  it('locks a code after five wrong tries', async () => {
    const { challengeId } = (await (await start('styre@demo.example')).json()) as { challengeId: string }
    const code = codeIn((await smtp.next()).text!)
    const wrongCode = code === '999999' ? '888888' : '999999'
    for (let i = 0; i < 5; i++) expect((await verify({ challengeId, code: wrongCode })).status).toBe(422)
    expect((await verify({ challengeId, code })).status).toBe(422)
  })

  it('refuses an expired link and writes no session for it', async () => {
    await start('admin@demo.example')
    const token = tokenIn((await smtp.next()).text!)
    await t.db
      .updateTable('signInChallenge')
      .set({ expiresAt: '2000-01-01T00:00:00.000Z' })
      .where('email', '=', 'admin@demo.example')
      .execute()
    const sessionsBefore = (await t.db.selectFrom('session').select('tokenHash').execute()).length
    expect((await verify({ token })).status).toBe(422)
    expect((await t.db.selectFrom('session').select('tokenHash').execute()).length).toBe(sessionsBefore)
  })

  it('slows sign-in mails to one address down past five, with a clear 429, but never locks its owner out', async () => {
    const address = `limit-${kind}@example.org`
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
    try {
      for (let i = 0; i < 5; i++) expect((await start(address)).status).toBe(200)
      // A stranger asked five times for this address: the owner still gets a mail, one a minute.
      expect((await start(address)).status).toBe(200)
      const limited = await start(address)
      expect(limited.status).toBe(429)
      expect(limited.headers.get('content-type')).toContain('application/problem+json')
      expect((await limited.json()).detail).toMatch(/try again in 1 min/)
      vi.setSystemTime(Date.now() + 61_000)
      expect((await start(address)).status).toBe(200)
    } finally {
      vi.useRealTimers()
    }
  })

  it('names the field of a malformed address and sends nothing', async () => {
    const before = smtp.mails.length
    const res = await start('not-an-address')
    expect(res.status).toBe(422)
    expect((await res.json()).errors[0].path).toEqual(['body', 'email'])
    expect(smtp.mails.length).toBe(before)
  })

  it('signs out everywhere: every session of the person ends', async () => {
    const first = await t.signIn('admin@demo.example')
    const second = await t.signIn('admin@demo.example')
    expect((await t.request('/api/auth/sign-out-everywhere', { method: 'POST', cookie: first })).status).toBe(200)
    const me = await (await t.request('/api/auth/me', { cookie: second })).json()
    expect(me.profile).toBeNull()
  })
})

describe('cross-site request forgery', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('sqlite', { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  it('refuses a cookie-carrying write from another site, and one that says nothing of its origin', async () => {
    const cookie = await t.signIn('admin@demo.example')
    const crossSite = await t.request('/api/auth/sign-out-everywhere', {
      method: 'POST',
      cookie,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    const silent = await t.request('/api/auth/sign-out-everywhere', { method: 'POST', cookie, headers: { origin: '' } })
    expect(silent.status).toBe(403)
    expect((await (await t.request('/api/auth/me', { cookie })).json()).profile).not.toBeNull()
  })
})
