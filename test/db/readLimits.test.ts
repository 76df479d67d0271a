import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'
import { limitRead, READ_LIMITS } from '../../server/lib/readLimits.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND

describe.each(TEST_DATABASES)('how much one account may read, on %s', (kind) => {
  let t: TestApp
  let alumn: string
  beforeAll(async () => {
    // The limits as in use (factor 1), on a directory of 300 members.
    t = await createTestApp(kind, { members: 300, readLimitFactor: 1 })
    alumn = await t.signIn('alumn@demo.example')
  })
  afterAll(async () => {
    await t.close()
  })

  const audited = (action: string) =>
    t.db.selectFrom('auditLog').select(['actorId', 'networkId', 'details']).where('action', '=', action).execute()

  it('stops one account walking /api/people/:id, says when to come back, and tells staff', async () => {
    const people = await t.db.selectFrom('person').select('id').limit(100).execute()
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (const { id } of people) {
      const res = await t.request(`/api/people/${id}`, { cookie: alumn })
      statuses.push(res.status)
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after')
      await res.body?.cancel()
    }
    const allowed = statuses.filter((s) => s !== 429).length
    expect(allowed).toBe(READ_LIMITS.profile[0].limit)
    expect(statuses.slice(allowed).every((s) => s === 429)).toBe(true)
    expect(Number(retryAfter)).toBeGreaterThan(0)
    expect(Number(retryAfter)).toBeLessThanOrEqual(60)
    // Guessed ids count too: enumeration costs the same whether the id exists or not.
    const guess = await t.request('/api/people/p-00000000-0000-4000-8000-000000000000', { cookie: alumn })
    expect(guess.status).toBe(429)
    expect(await audited('read.limited')).toEqual([
      {
        actorId: labelledId('p-demo-alumn'),
        networkId: null,
        details: JSON.stringify({ kind: 'profile', limit: 40, windowMinutes: 1 }),
      },
    ])
  })

  it('lets a device read a directory from scratch a few times, then refuses the repeats a scraper makes', async () => {
    const board = await t.signIn('styre@demo.example')
    const fromScratch = () =>
      t.request('/api/sync/pull', { method: 'POST', cookie: board, json: { protocolVersion, cursors: {} } })
    const statuses: number[] = []
    let cursors: Record<string, number> = {}
    for (let i = 0; i < 8; i++) {
      const res = await fromScratch()
      statuses.push(res.status)
      if (res.ok) cursors = ((await res.json()) as { cursors: Record<string, number> }).cursors
      else await res.body?.cancel()
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429])
    const limited = await audited('read.limited')
    expect(limited).toContainEqual({
      actorId: labelledId('p-demo-board'),
      networkId: labelledId('net-ximk'),
      details: JSON.stringify({ kind: 'snapshot', limit: 6, windowMinutes: 60 }),
    })
    // A device with its cursors keeps syncing: only reads from scratch are counted.
    const res = await t.request('/api/sync/pull', {
      method: 'POST',
      cookie: board,
      json: { protocolVersion, cursors },
    })
    expect(res.status).not.toBe(429)
    await res.body?.cancel()
  })

  it("shows X-IMK's staff, in its access log, the member stopped for walking profiles", async () => {
    const res = await t.request(`/api/networks/${labelledId('net-ximk')}/audit`, {
      cookie: await t.signIn('admin@demo.example'),
    })
    const log = (await res.json()) as { action: string; actorName: string | null }[]
    expect(log).toContainEqual(expect.objectContaining({ action: 'read.limited', actorName: 'Ola Nordmann' }))
    expect(log).toContainEqual(
      expect.objectContaining({ action: 'directory.snapshot', actorName: 'Marte Kjos Haugen' }),
    )
  })

  it("logs a member's whole-directory read, not only staff's", async () => {
    const snapshots = await audited('directory.snapshot')
    expect(snapshots).toContainEqual({
      actorId: labelledId('p-demo-board'),
      networkId: labelledId('net-ximk'),
      details: '{}',
    })
  })

  it('never stops a person who browses the directory and profiles for an hour', async () => {
    const person = labelledId('p-demo-admin')
    const start = Date.parse('2026-12-03T09:00:00.000Z')
    // A new phone and a laptop read the directory; then a profile every five seconds, 30 photos a screen.
    for (const device of [0, 1])
      await limitRead(t.db, person, 'snapshot', { subject: `network:x:members`, now: start + device * MINUTE })
    for (let at = start; at < start + 60 * MINUTE; at += 5 * SECOND) {
      await limitRead(t.db, person, 'profile', { now: at })
      if (at % (30 * SECOND) === 0)
        for (let photo = 0; photo < 30; photo++) await limitRead(t.db, person, 'photo', { now: at })
    }
    expect(await audited('read.limited')).not.toContainEqual(expect.objectContaining({ actorId: person }))
  })
})
