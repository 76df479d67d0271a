import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtpCapture.ts'
import { demoMode, DEMO_MARK } from '../../server/db/demoMode.ts'

const devSignIn = (t: TestApp) =>
  t.request('/api/auth/dev/sign-in', { method: 'POST', json: { email: 'admin@demo.example' } })

/** Finding 1 of "Hardened": the password-less demo routes fail closed. */
describe.each(TEST_DATABASES)('the demo sign-in on %s', (kind) => {
  let smtp: SmtpCapture
  let demo: TestApp
  let withMail: TestApp
  beforeAll(async () => {
    smtp = await startSmtpCapture()
    demo = await createTestApp(kind, { members: 0 })
    withMail = await createTestApp(kind, { members: 0, smtpUrl: smtp.url })
  })
  afterAll(async () => {
    await demo.close()
    await withMail.close()
    await smtp.close()
  })

  it("is open on the demo seed's database when no mail is really sent", async () => {
    expect((await devSignIn(demo)).status).toBe(200)
    expect((await demo.request('/api/auth/dev/mailbox')).status).toBe(200)
  })

  it('is closed when mail is really sent, even on the demo database', async () => {
    const res = await devSignIn(withMail)
    expect(res.status).toBe(404)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect((await withMail.request('/api/auth/dev/mailbox')).status).toBe(404)
    expect((await (await withMail.request('/api/auth/me')).json()).isDemo).toBe(false)
  })

  it('is closed on a database the demo seed did not create', async () => {
    expect(await demoMode(demo.db, { isDemo: true, smtpUrl: null })).toEqual({ isOn: true, reason: null })
    await demo.db.deleteFrom('meta').where('key', '=', DEMO_MARK).execute()
    expect(await demoMode(demo.db, { isDemo: true, smtpUrl: null })).toEqual({
      isOn: false,
      reason: expect.stringMatching(/not created by the demo seed/),
    })
    expect(await demoMode(demo.db, { isDemo: false, smtpUrl: null })).toMatchObject({ isOn: false })
  })
})
