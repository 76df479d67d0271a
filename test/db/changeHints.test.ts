import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'

/** Reads server-sent events from a streaming response, one `event:` name at a time. */
function eventReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  // A read left pending by a timed-out wait is kept, or the chunk it receives would be lost.
  let pending: Promise<ReadableStreamReadResult<string>> | null = null
  return {
    async next(timeoutMs = 5000): Promise<string | null> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const match = buffer.match(/event: (\w+)\n/)
        if (match) { buffer = buffer.slice(match.index! + match[0].length); return match[1]! }
        const left = deadline - Date.now()
        if (left <= 0) return null
        pending ??= reader.read()
        const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), left))])
        if (chunk === null) return null
        pending = null
        if (chunk.done) return null
        buffer += chunk.value
      }
    },
    cancel: () => reader.cancel(),
  }
}

describe.each(TEST_DATABASES)('change hints on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => { t = await createTestApp(kind, { members: 0 }) })
  afterAll(async () => { await t.close() })

  it('tells a listening device when something it may read changed, and not when someone else\'s private row did', async () => {
    const alumn = await t.signIn('alumn@demo.example')
    const admin = await t.signIn('admin@demo.example')
    const events = eventReader(await t.request('/api/sync/events', { cookie: alumn }))
    expect(await events.next()).toBe('ready')

    // The admin's registered education is private to the admin: the alumnus hears nothing.
    await t.request('/api/sync/push', { method: 'POST', cookie: admin, json: { clientId: `hint-${kind}-a`, protocolVersion, mutations: [{ id: 1, name: 'education.add', args: { education: { id: 'e-hint', institutionId: 'uio', programme: 'Filosofi', degree: 'bachelor', status: 'graduated', graduationYear: 2001, credits: 180 } } }] } })
    expect(await events.next(600)).toBeNull()

    // A network page is public: the alumnus is told to pull.
    await t.request('/api/sync/push', { method: 'POST', cookie: admin, json: { clientId: `hint-${kind}-b`, protocolVersion, mutations: [{ id: 1, name: 'network.update', args: { networkId: 'net-ximk', patch: { purpose: 'Ny tekst' } } }] } })
    expect(await events.next()).toBe('changed')
    await events.cancel()
  })
})
