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
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 300 })
  })
  afterAll(async () => {
    await t.close()
  })

  async function pullAll(cookie: string, cursors: Record<string, number> = {}, limit = 1000) {
    const pages: PullResponse[] = []
    do {
      const res = await t.request('/api/sync/pull', {
        method: 'POST',
        cookie,
        json: { protocolVersion, cursors, limit },
      })
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
    pages.forEach((page, i) =>
      expect(page.remaining).toBe(changes.length - pages.slice(0, i + 1).reduce((sum, p) => sum + p.changes.length, 0)),
    )
    expect(pages.at(-1)!.remaining).toBe(0)
  })

  it("sends the person's own rows and the public pages first, with the directory taking its share of every page", async () => {
    await change('admin@demo.example', 'profile.update', { patch: { city: 'Drammen' } })
    const { pages } = await pullAll(await t.signIn('admin@demo.example'), {}, 20)
    const isFirst = (c: PullResponse['changes'][number]) =>
      c.scope === 'public' || c.scope === `user:${labelledId('p-demo-admin')}`
    const lastFirstPage = pages.findLastIndex((p) => p.changes.some(isFirst))
    expect(lastFirstPage).toBeGreaterThan(0)
    for (const page of pages.slice(0, lastFirstPage)) {
      // Three quarters for the person's own rows and the public pages while they wait, a quarter for the directory.
      expect(page.changes.filter(isFirst).length).toBe(15)
      expect(page.changes.filter((c) => c.scope.startsWith('network:')).length).toBe(5)
    }
    // The profile changed last (the newest change of all) still comes long before the directory is done.
    const drammen = pages.findIndex((p) =>
      p.changes.some((c) => c.entity === 'profile' && (c.data as { city: string }).city === 'Drammen'),
    )
    expect(drammen).toBeGreaterThanOrEqual(0)
    expect(drammen).toBeLessThanOrEqual(lastFirstPage)
    expect(pages.length).toBeGreaterThan(lastFirstPage + 1)
  })

  it('still delivers the whole directory while a public row changes between every pull (no starvation)', async () => {
    const cookie = await t.signIn('alumn@demo.example')
    const scope = networkMembersScope(labelledId('net-ximk'))
    let cursors: Record<string, number> = {}
    let received = 0
    let rounds = 0
    for (let hasMore = true; hasMore && rounds < 60; rounds++) {
      // A popular event filling up: the public rows change on every round trip.
      await change('admin@demo.example', 'network.update', {
        networkId: labelledId('net-ximk'),
        patch: { purpose: `Runde ${rounds}` },
      })
      const res = await t.request('/api/sync/pull', {
        method: 'POST',
        cookie,
        json: { protocolVersion, cursors, limit: 40 },
      })
      const page = PullResponseSchema.parse(await res.json())
      received += page.changes.filter((c) => c.scope === scope).length
      cursors = page.cursors
      hasMore = page.hasMore
    }
    const members = await t.db
      .selectFrom('membership')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('networkId', '=', labelledId('net-ximk'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow()
    expect(received).toBe(Number(members.n))
    expect(rounds).toBeLessThan(60)
  })

  it('sends each fellow member only the fields they show to members, and never a hidden one', async () => {
    const { changes } = await pullAll(await t.signIn('alumn@demo.example'))
    const entries = changes.filter(
      (c) => c.entity === 'member' && c.scope === networkMembersScope(labelledId('net-ximk')),
    )
    const people = await t.db
      .selectFrom('person')
      .innerJoin('membership', 'membership.personId', 'person.id')
      .select(['person.id', 'person.email', 'person.employer', 'person.visibility'])
      .where('membership.networkId', '=', labelledId('net-ximk'))
      .where('membership.status', '=', 'active')
      .execute()
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

  it("lets staff remove a member: the directory leaves that person's device and they leave the others'", async () => {
    const alumn = await t.signIn('alumn@demo.example')
    const before = await pullAll(alumn)
    expect(Object.keys(before.cursors)).toContain(networkMembersScope(labelledId('net-ximk')))

    expect(
      (
        await change('styre@demo.example', 'membership.remove', {
          networkId: labelledId('net-ximk'),
          personId: labelledId('p-demo-alumn'),
        })
      ).problem!.type,
    ).toBe('urn:alumni:problem:forbidden')
    expect(
      (
        await change('admin@demo.example', 'membership.remove', {
          networkId: labelledId('net-ximk'),
          personId: labelledId('p-demo-admin'),
        })
      ).problem!.detail,
    ).toMatch(/Appoint another administrator first/)
    expect(
      (
        await change('admin@demo.example', 'membership.remove', {
          networkId: labelledId('net-ximk'),
          personId: labelledId('p-demo-alumn'),
        })
      ).status,
    ).toBe('applied')

    const after = await pullAll(alumn, before.cursors)
    expect(after.dropped).toEqual(expect.arrayContaining([networkMembersScope(labelledId('net-ximk'))]))
    expect(Object.keys(after.cursors)).not.toContain(networkMembersScope(labelledId('net-ximk')))
    // The board's copy of the directory loses the person (a tombstone in both copies they read).
    const board = await pullAll(await t.signIn('styre@demo.example'))
    expect(board.changes.filter((c) => c.id === labelledId('p-demo-alumn') && c.entity === 'member')).toEqual([])
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['action', 'networkId'])
      .where('action', '=', 'membership.remove')
      .execute()
    expect(audit).toEqual([{ action: 'membership.remove', networkId: labelledId('net-ximk') }])
    expect(networkStaffScope(labelledId('net-ximk'))).toBe(`network:${labelledId('net-ximk')}:staff`)
  })
})
