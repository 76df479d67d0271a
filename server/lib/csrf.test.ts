import { describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import { csrfProtection } from './csrf.ts'
import { AppError } from './problem.ts'

const app = new Hono()
  .use(csrfProtection(() => 'https://alumni.example'))
  .all('/write', (c) => c.text('ok'))
  .onError((error, c) => c.text(error.message, error instanceof AppError ? error.status : 500))

const send = (method: string, headers: Record<string, string>) =>
  app.request('https://alumni.example/write', { method, headers })

describe('cross-site request forgery protection', () => {
  it("lets the app's own pages write with the session cookie", async () => {
    expect((await send('POST', { cookie: 'sid=x', origin: 'https://alumni.example' })).status).toBe(200)
    expect((await send('POST', { cookie: 'sid=x', 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    // Typed into the address bar or opened from a bookmark.
    expect((await send('POST', { cookie: 'sid=x', 'sec-fetch-site': 'none' })).status).toBe(200)
  })

  it('refuses a cookie-carrying write from another site, or one that says nothing of where it comes from', async () => {
    expect((await send('POST', { cookie: 'sid=x', origin: 'https://evil.example' })).status).toBe(403)
    expect((await send('DELETE', { cookie: 'sid=x', 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect(
      (await send('PUT', { cookie: 'sid=x', 'sec-fetch-site': 'same-site', origin: 'https://alumni.example' })).status,
    ).toBe(403)
    const silent = await send('POST', { cookie: 'sid=x' })
    expect(silent.status).toBe(403)
    expect(await silent.text()).toMatch(/origin missing/)
  })

  it('leaves reads and cookie-less writes alone: they authenticate nothing', async () => {
    expect((await send('GET', { cookie: 'sid=x', origin: 'https://evil.example' })).status).toBe(200)
    expect((await send('POST', { origin: 'https://evil.example' })).status).toBe(200)
  })
})
