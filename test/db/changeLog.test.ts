import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { inChangeTransaction } from '../../server/sync/changeLog.ts'
import { networkMembersScope } from '../../shared/sync/scopes.ts'

describe.each(TEST_DATABASES)('the change log on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  const entriesOf = (rowId: string) =>
    t.db
      .selectFrom('changeLog')
      .select(['seq', 'scope', 'op', 'data'])
      .where('entity', '=', 'network')
      .where('rowId', '=', rowId)
      .orderBy('seq')
      .execute()
  const membersOf = networkMembersScope(randomUUID())

  it('keeps the newest view of a row changed twice in one transaction, and a tombstone where it left', async () => {
    const rowId = randomUUID()
    await inChangeTransaction(t.db, (tx) => tx.changes.put('network', rowId, { public: { name: 'first' } } as never))
    await inChangeTransaction(t.db, async (tx) => {
      await tx.changes.put('network', rowId, { [membersOf]: { name: 'second' } } as never)
      await tx.changes.put('network', rowId, { [membersOf]: { name: 'third' } } as never)
    })
    const entries = await entriesOf(rowId)
    expect(entries.map((e) => [e.scope, e.op, e.data && JSON.parse(e.data).name])).toEqual([
      [membersOf, 'put', 'third'],
      ['public', 'del', null],
    ])
  })

  it('writes nothing of a transaction that rolls back', async () => {
    const rowId = randomUUID()
    await expect(
      inChangeTransaction(t.db, async (tx) => {
        await tx.changes.put('network', rowId, { public: { name: 'never' } } as never)
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    expect(await entriesOf(rowId)).toEqual([])
  })

  // SQLite has one writer at a time: a second transaction waits whatever the log does.
  it.runIf(kind === 'postgres')(
    'lets other writers commit while a transaction that changed a row is still at work, numbering entries in commit order',
    async () => {
      const slow = randomUUID()
      const quick = randomUUID()
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      let changed!: () => void
      const hasChanged = new Promise<void>((resolve) => (changed = resolve))
      const slowWork = inChangeTransaction(t.db, async (tx) => {
        await tx.changes.put('network', slow, { public: { name: 'slow' } } as never)
        changed()
        await held
      })
      await hasChanged
      // Before, the first change took the lock for the rest of its transaction: this one waited until `release`.
      const quickWork = inChangeTransaction(t.db, (tx) =>
        tx.changes.put('network', quick, { public: { name: 'quick' } } as never),
      ).then(() => 'committed' as const)
      const outcome = await Promise.race([quickWork, new Promise((r) => setTimeout(() => r('waited'), 3000))])
      release()
      await slowWork
      await quickWork
      expect(outcome).toBe('committed')
      // A puller that has seen the quick entry must still get the slow one, which committed later.
      const [quickEntry] = await entriesOf(quick)
      const [slowEntry] = await entriesOf(slow)
      expect(slowEntry!.seq).toBeGreaterThan(quickEntry!.seq)
    },
  )
})
