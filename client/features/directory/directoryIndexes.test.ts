import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createDatabase } from '../../db/database.ts'
import { applyPage } from '../../sync/pullChanges.ts'
import type { PullResponse } from '../../../shared/sync/protocol.ts'
import { createDirectoryIndexes } from './directoryIndexes.ts'

const SCOPE = 'network:n1:members'
const entry = (i: number, employer = 'NRK') => ({
  id: `p${i}`,
  networkId: 'n1',
  name: `Person ${i}`,
  role: 'member',
  memberSince: '2020-01-01T00:00:00.000Z',
  employer,
})
function page(changes: PullResponse['changes'], dropScopes: string[] = []): PullResponse {
  return {
    reset: false,
    epoch: 'e1',
    changes,
    dropScopes,
    cursors: { [SCOPE]: 1 },
    hasMore: false,
    remaining: 0,
    serverTime: new Date().toISOString(),
  }
}
const put = (i: number, employer?: string) => ({
  seq: i,
  scope: SCOPE,
  entity: 'member',
  id: `p${i}`,
  op: 'put' as const,
  data: entry(i, employer),
})
const query = (text: string) => ({ text, cohort: null, helpWith: [], sort: 'name' as const, limit: 10 })

describe('directory indexes on the device', () => {
  it('fills in steps from the stored rows, then follows each applied page entry by entry', async () => {
    const db = createDatabase(`dir-index-${Date.now()}`)
    await applyPage(db, page(Array.from({ length: 5000 }, (_, i) => put(i))))
    const indexes = createDirectoryIndexes(db)
    const sizesSeen: number[] = []
    const opened = indexes.open(SCOPE, () => sizesSeen.push(opened.index.size))
    await expect.poll(() => opened.isLoaded()).toBe(true)
    expect(opened.index.size).toBe(5000)
    // A small first step, so the first names show before the rest is read.
    expect(sizesSeen[0]).toBe(2000)

    await applyPage(
      db,
      page([
        put(7, 'Schibsted'),
        { seq: 9, scope: SCOPE, entity: 'member', id: 'p8', op: 'del', data: null },
        put(6000, 'Equinor'),
      ]),
    )
    await expect.poll(() => opened.index.search(query('schibsted')).total).toBe(1)
    expect(opened.index.search(query('equinor')).total).toBe(1)
    expect(opened.index.size).toBe(5000)
    expect(opened.index.search(query('person 8')).cards.map((c) => c.key)).not.toContain(`${SCOPE}|p8`)

    // The membership ends: the scope is dropped, and so is its index.
    await applyPage(db, page([], [SCOPE]))
    await expect.poll(() => opened.index.size).toBe(0)
    opened.close()
    db.close()
  })
})
