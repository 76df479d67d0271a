import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'
import { PullResponseSchema, type PullResponse } from '../../shared/sync/protocol.ts'
import { networkMembersScope, networkStaffScope } from '../../shared/sync/scopes.ts'
import { VisibilitySchema } from '../../shared/schemas/person.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/** The member directory as devices receive it: complete, private by default, and gone when the membership ends. */
describe.each(TEST_DATABASES)('member directory on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => { t = await createTestApp(kind, { members: 300 }) })
  afterAll(async () => { await t.close() })

  async function pullAll(cookie: string, cursors: Record<string, number> = {}, limit = 1000) {
    const pages: PullResponse[] = []
    do {
      const res = await t.request('/api/sync/pull', { method: 'POST', cookie, json: { protocolVersion, cursors, limit } })
      expect(res.status).toBe(200)
      pages.push(PullResponseSchema.parse(await res.json()))
      cursors = pages.at(-1)!.cursors
    } while (pages.at(-1)!.hasMore)
    return { pages, cursors, changes: pages.flatMap((p) => p.changes), dropped: pages.flatMap((p) => p.dropScopes) }
  }

  const change = (email: string, name: string, args: unknown) => changeAs(t, email, name, args)

  it('says how many changes still wait, page by page, so a first sync can show its progress', async () => {
    const { pages, changes } = await pullAll(await t.signIn('alumn@demo.example'), {}, 50)
    expect(pages.length).toBeGreaterThanOrEqual(3)
    expect(pages[0]!.remaining).toBe(changes.length - pages[0]!.changes.length)
    pages.forEach((page, i) => expect(page.remaining).toBe(changes.length - pages.slice(0, i + 1).reduce((sum, p) => sum + p.changes.length, 0)))
    expect(pages.at(-1)!.remaining).toBe(0)
  })

  it('sends the person\'s own rows and the public pages before any network\'s directory', async () => {
    await change('admin@demo.example', 'profile.update', { patch: { city: 'Drammen' } })
    const { pages } = await pullAll(await t.signIn('admin@demo.example'), {}, 100)
    const firstNetworkPage = pages.findIndex((p) => p.changes.some((c) => c.scope.startsWith('network:')))
    expect(firstNetworkPage).toBeGreaterThan(0)
    const early = pages.slice(0, firstNetworkPage).flatMap((p) => p.changes)
    expect(early.every((c) => c.scope === 'public' || c.scope === `user:${labelledId('p-demo-admin')}`)).toBe(true)
    // The profile changed last (the newest change of all) still comes before the directory.
    expect(early.some((c) => c.entity === 'profile' && (c.data as { city: string }).city === 'Drammen')).toBe(true)
    // The directory held back keeps its cursor at 0 until its turn, so nothing in it is skipped.
    expect(pages[firstNetworkPage - 1]!.cursors[networkMembersScope(labelledId('net-ximk'))]).toBe(0)
  })

  it('sends each fellow member only the fields they show to members, and never a hidden one', async () => {
    const { changes } = await pullAll(await t.signIn('alumn@demo.example'))
    const entries = changes.filter((c) => c.entity === 'member' && c.scope === networkMembersScope(labelledId('net-ximk')))
    const people = await t.db.selectFrom('person').innerJoin('membership', 'membership.personId', 'person.id')
      .select(['person.id', 'person.email', 'person.employer', 'person.visibility'])
      .where('membership.networkId', '=', labelledId('net-ximk')).where('membership.status', '=', 'active').execute()
    expect(entries.length).toBe(people.length)
    let hidden = 0
    for (const person of people) {
      const visibility = VisibilitySchema.parse(JSON.parse(person.visibility))
      const entry = entries.find((e) => e.id === person.id)!.data!
      const showsEmail = visibility.email === 'network' || visibility.email === 'signedIn'
      const showsEmployer = visibility.employer === 'network' || visibility.employer === 'signedIn'
      expect('email' in entry).toBe(showsEmail)
      expect('employer' in entry).toBe(showsEmployer)
      if (!showsEmail) hidden++
    }
    // The seed must contain people who hide their e-mail, or this test proves nothing.
    expect(hidden).toBeGreaterThan(10)
    const hiddenEmails = people.filter((p) => !JSON.stringify(entries).includes(p.email)).length
    expect(hiddenEmails).toBe(hidden)
  })

  it('lets staff remove a member: the directory leaves that person\'s device and they leave the others\'', async () => {
    const alumn = await t.signIn('alumn@demo.example')
    const before = await pullAll(alumn)
    expect(Object.keys(before.cursors)).toContain(networkMembersScope(labelledId('net-ximk')))

    expect((await change('styre@demo.example', 'membership.remove', { networkId: labelledId('net-ximk'), personId: labelledId('p-demo-alumn') })).problem!.type).toBe('urn:alumni:problem:forbidden')
    expect((await change('admin@demo.example', 'membership.remove', { networkId: labelledId('net-ximk'), personId: labelledId('p-demo-admin') })).problem!.detail).toMatch(/Appoint another administrator first/)
    expect((await change('admin@demo.example', 'membership.remove', { networkId: labelledId('net-ximk'), personId: labelledId('p-demo-alumn') })).status).toBe('applied')

    const after = await pullAll(alumn, before.cursors)
    expect(after.dropped).toEqual(expect.arrayContaining([networkMembersScope(labelledId('net-ximk'))]))
    expect(Object.keys(after.cursors)).not.toContain(networkMembersScope(labelledId('net-ximk')))
    // The board's copy of the directory loses the person (a tombstone in both copies they read).
    const board = await pullAll(await t.signIn('styre@demo.example'))
    expect(board.changes.filter((c) => c.id === labelledId('p-demo-alumn') && c.entity === 'member')).toEqual([])
    const audit = await t.db.selectFrom('auditLog').select(['action', 'networkId']).where('action', '=', 'membership.remove').execute()
    expect(audit).toEqual([{ action: 'membership.remove', networkId: labelledId('net-ximk') }])
    expect(networkStaffScope(labelledId('net-ximk'))).toBe(`network:${labelledId('net-ximk')}:staff`)
  })
})
