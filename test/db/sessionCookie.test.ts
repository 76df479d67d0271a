import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { readConfig } from '../../server/config.ts'

const signIn = (t: TestApp, headers: Record<string, string> = {}) =>
  t.request('/api/auth/dev/sign-in', { method: 'POST', json: { email: 'alumn@demo.example' }, headers })

/** Finding 12 of "Hardened": whether the session cookie is Secure follows the configuration, not the Host header. */
describe.each(TEST_DATABASES)('the session cookie on %s', (kind) => {
  let https: TestApp
  let local: TestApp
  beforeAll(async () => {
    https = await createTestApp(kind, { members: 0, publicUrl: 'https://alumni.example' })
    local = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await https.close()
    await local.close()
  })

  it('is __Host- and Secure behind a proxy that says Host: localhost, and it signs the person in', async () => {
    const res = await signIn(https, { host: 'localhost', 'x-forwarded-proto': 'https' })
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^__Host-sid=[\w-]+;/)
    expect(cookie).toMatch(/; Secure/i)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).not.toMatch(/Domain=/i)
    const me = await (await https.request('/api/auth/me', { cookie: cookie.split(';')[0] })).json()
    expect(me.profile.email).toBe('alumn@demo.example')
    const out = await https.request('/api/auth/sign-out', {
      method: 'POST',
      cookie: cookie.split(';')[0],
      headers: { origin: 'https://alumni.example' },
    })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(/__Host-sid=;.*Secure/i)
  })

  it('stays a plain cookie on a server reached over http (the local demo)', async () => {
    const cookie = (await signIn(local)).headers.get('set-cookie')!
    expect(cookie).toMatch(/^sid=/)
    expect(cookie).not.toMatch(/Secure/i)
  })

  it('is decided by PUBLIC_URL, else production', () => {
    expect(readConfig({ PUBLIC_URL: 'https://alumni.uio.no' }).secureCookies).toBe(true)
    expect(readConfig({ PUBLIC_URL: 'http://localhost:8787' }).secureCookies).toBe(false)
    expect(readConfig({ NODE_ENV: 'production' }).secureCookies).toBe(true)
    expect(readConfig({}).secureCookies).toBe(false)
  })
})
