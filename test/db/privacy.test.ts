import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'
import { networkMembersScope, networkStaffScope } from '../../shared/sync/scopes.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const SECRET_EMPLOYER = 'Hemmelig Arbeidsgiver AS'
const MEMBERS_EMPLOYER = 'Synlig for medlemmer AS'

/**
 * Privacy by default, asserted on the raw bytes the server sends: a field the
 * member has not shown to a viewer is in no API answer and no sync page.
 */
describe.each(TEST_DATABASES)('profile privacy on %s', (kind) => {
  let t: TestApp
  let n = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 30 })
  })
  afterAll(async () => {
    await t.close()
  })

  async function push(email: string, name: string, args: unknown): Promise<void> {
    const cookie = await t.signIn(email)
    const res = await t.request('/api/sync/push', {
      method: 'POST',
      cookie,
      json: { clientId: `privacy-${kind}-${++n}`, protocolVersion, mutations: [{ id: 1, name, args }] },
    })
    expect((await res.json()).results[0].status).toBe('applied')
  }

  /** Every byte a viewer can get: all sync pages from scratch, and the person's profile by id. */
  async function everythingSeenBy(email: string | null, personId: string): Promise<string> {
    const cookie = email ? await t.signIn(email) : undefined
    let body = ''
    let cursors: Record<string, number> = {}
    for (;;) {
      const res = await t.request('/api/sync/pull', {
        method: 'POST',
        cookie,
        json: { protocolVersion, cursors, limit: 500 },
      })
      const text = await res.text()
      body += text
      const page = JSON.parse(text) as { cursors: Record<string, number>; hasMore: boolean }
      cursors = page.cursors
      if (!page.hasMore) break
    }
    body += await (await t.request(`/api/people/${personId}`, { cookie })).text()
    body += await (await t.request('/api/auth/me', { cookie })).text()
    return body
  }

  it('hides every field but the name until the member shows it', async () => {
    await push('alumn@demo.example', 'profile.update', { patch: { employer: SECRET_EMPLOYER, city: 'Hamar' } })
    for (const viewer of ['styre@demo.example', 'admin@demo.example', 'koordinator@demo.example', null]) {
      const seen = await everythingSeenBy(viewer, labelledId('p-demo-alumn'))
      expect(seen, `seen by ${viewer}`).not.toContain(SECRET_EMPLOYER)
      expect(seen, `seen by ${viewer}`).not.toContain('Hamar')
    }
    // The member themself sees it, of course.
    expect(await everythingSeenBy('alumn@demo.example', labelledId('p-demo-alumn'))).toContain(SECRET_EMPLOYER)
  })

  it('shows a field to fellow members only when chosen, and never to people outside the network', async () => {
    await push('alumn@demo.example', 'profile.update', { patch: { employer: MEMBERS_EMPLOYER } })
    await push('alumn@demo.example', 'profile.setVisibility', { visibility: { employer: 'network' } })
    expect(await everythingSeenBy('styre@demo.example', labelledId('p-demo-alumn'))).toContain(MEMBERS_EMPLOYER)
    // Siri is in no network with Ola: not in her sync, not through the API.
    const outsider = await everythingSeenBy('soker@demo.example', labelledId('p-demo-alumn'))
    expect(outsider).not.toContain(MEMBERS_EMPLOYER)
    expect(await everythingSeenBy(null, labelledId('p-demo-alumn'))).not.toContain(MEMBERS_EMPLOYER)
  })

  it('gives staff what is shown to staff, and members not', async () => {
    await push('alumn@demo.example', 'profile.update', {
      patch: { linkedinUrl: 'https://www.linkedin.com/in/kun-for-styret' },
    })
    await push('alumn@demo.example', 'profile.setVisibility', {
      visibility: { employer: 'network', linkedinUrl: 'staff' },
    })
    const staff = await everythingSeenBy('admin@demo.example', labelledId('p-demo-alumn'))
    expect(staff).toContain('kun-for-styret')
    const member = await everythingSeenBy('styre@demo.example', labelledId('p-demo-alumn'))
    // The board member of X-IMK is staff there too: use a plain member for the check.
    await t.db
      .updateTable('membership')
      .set({ role: 'member' })
      .where('personId', '=', labelledId('p-demo-board'))
      .execute()
    const plainMember = await everythingSeenBy('styre@demo.example', labelledId('p-demo-alumn'))
    expect(plainMember).not.toContain('kun-for-styret')
    expect(member.length).toBeGreaterThan(0)
    await t.db
      .updateTable('membership')
      .set({ role: 'board' })
      .where('personId', '=', labelledId('p-demo-board'))
      .execute()
  })

  it('takes a field back from every device when it is hidden again', async () => {
    const cookie = await t.signIn('styre@demo.example')
    const first = (await (
      await t.request('/api/sync/pull', { method: 'POST', cookie, json: { protocolVersion, cursors: {}, limit: 5000 } })
    ).json()) as { cursors: Record<string, number> }
    await push('alumn@demo.example', 'profile.setVisibility', { visibility: {} })
    const next = (await (
      await t.request('/api/sync/pull', {
        method: 'POST',
        cookie,
        json: { protocolVersion, cursors: first.cursors, limit: 5000 },
      })
    ).json()) as { changes: { scope: string; entity: string; id: string; data: Record<string, unknown> }[] }
    const entry = next.changes.find(
      (c) =>
        c.entity === 'member' &&
        c.id === labelledId('p-demo-alumn') &&
        c.scope === networkMembersScope(labelledId('net-ximk')),
    )!
    expect(entry.data).toEqual(expect.objectContaining({ name: 'Ola Nordmann' }))
    expect(entry.data).not.toHaveProperty('employer')
    expect(
      next.changes.some(
        (c) => c.scope === networkStaffScope(labelledId('net-ximk')) && c.id === labelledId('p-demo-alumn'),
      ),
    ).toBe(true)
  })

  it('serves a photo only to those the member shows it to, and never inside sync pages', async () => {
    const jpeg =
      '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k='
    await push('alumn@demo.example', 'profile.setPhoto', { jpegBase64: jpeg })
    const member = await t.signIn('styre@demo.example')
    expect((await t.request(`/api/people/${labelledId('p-demo-alumn')}/photo`, { cookie: member })).status).toBe(404)
    await push('alumn@demo.example', 'profile.setVisibility', { visibility: { photo: 'network' } })
    const shown = await t.request(`/api/people/${labelledId('p-demo-alumn')}/photo`, { cookie: member })
    expect(shown.status).toBe(200)
    expect(shown.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await shown.arrayBuffer()).toString('base64')).toBe(jpeg)
    expect(
      (
        await t.request(`/api/people/${labelledId('p-demo-alumn')}/photo`, {
          cookie: await t.signIn('soker@demo.example'),
        })
      ).status,
    ).toBe(404)
    expect(await everythingSeenBy('styre@demo.example', labelledId('p-demo-alumn'))).not.toContain(jpeg.slice(0, 40))
    const notJpeg = await t.request('/api/sync/push', {
      method: 'POST',
      cookie: await t.signIn('alumn@demo.example'),
      json: {
        clientId: `photo-bad-${kind}`,
        protocolVersion,
        mutations: [{ id: 1, name: 'profile.setPhoto', args: { jpegBase64: 'iVBORw0KGgo=' } }],
      },
    })
    expect((await notJpeg.json()).results[0].problem.errors[0]).toMatchObject({
      path: ['args', 'jpegBase64'],
      message: 'must be a JPEG image',
    })
  })
})
