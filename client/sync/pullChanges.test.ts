import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createDatabase } from '../db/database.ts'
import { createApi } from '../api/client.ts'
import type { Change, Cursors, PullResponse } from '../../shared/sync/protocol.ts'
import { PUBLIC_SCOPE } from '../../shared/sync/scopes.ts'
import { dropPrivateScopes, pullChanges } from './pullChanges.ts'
import { onRowChanges } from './rowChanges.ts'

const PRIVATE = 'network:n1:members'
const member = (id: string, seq: number): Change => ({
  seq,
  scope: PRIVATE,
  entity: 'member',
  id,
  op: 'put',
  data: { id, networkId: 'n1', name: `Person ${id}`, role: 'member', memberSince: '2020-01-01T00:00:00.000Z' },
})
const network = (id: string, seq: number): Change => ({
  seq,
  scope: PUBLIC_SCOPE,
  entity: 'network',
  id,
  op: 'put',
  data: { id, slug: id, name: id },
})
const page = (changes: Change[], cursors: Cursors, hasMore: boolean): PullResponse => ({
  reset: false,
  epoch: 'e1',
  changes,
  dropScopes: [],
  cursors,
  hasMore,
  remaining: 0,
  serverTime: new Date().toISOString(),
})

/** A server that answers each pull with the next scripted page, and what each request carried. */
function scriptedServer(pages: PullResponse[], beforeAnswer: (request: number) => Promise<void> = async () => {}) {
  const requests: { cursors: Cursors; pagesAppliedBefore: number }[] = []
  let pagesApplied = 0
  const stop = onRowChanges(() => pagesApplied++)
  const fetchFn: typeof fetch = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { cursors: Cursors }
    requests.push({ cursors: body.cursors, pagesAppliedBefore: pagesApplied })
    await beforeAnswer(requests.length)
    const next = pages[requests.length - 1]
    if (!next) throw new Error(`request ${requests.length} was not expected`)
    return new Response(JSON.stringify(next), { headers: { 'content-type': 'application/json' } })
  }
  return { api: createApi(fetchFn, 'http://localhost/api'), requests, stop }
}

describe('pulling pages', () => {
  it('asks for the next page with the cursors of the one that arrived, before writing it', async () => {
    const db = createDatabase(`pull-ahead-${Date.now()}`)
    const server = scriptedServer([
      page([member('a', 1)], { [PRIVATE]: 1 }, true),
      page([member('b', 2)], { [PRIVATE]: 2 }, true),
      page([member('c', 3)], { [PRIVATE]: 3 }, false),
    ])
    expect(await pullChanges(db, server.api)).toEqual({ kind: 'done', received: 3 })
    server.stop()
    // Each request went out before the page before it was written, so the network never waits for the device.
    expect(server.requests).toEqual([
      { cursors: {}, pagesAppliedBefore: 0 },
      { cursors: { [PRIVATE]: 1 }, pagesAppliedBefore: 0 },
      { cursors: { [PRIVATE]: 2 }, pagesAppliedBefore: 1 },
    ])
    expect((await db.members.toArray()).map((m) => m.id)).toEqual(['a', 'b', 'c'])
    expect((await db.meta.get('cursors'))?.value).toEqual({ [PRIVATE]: 3 })
  })

  it('throws away a page asked for before a sign-out, and asks again from what the device holds', async () => {
    const db = createDatabase(`pull-signout-${Date.now()}`)
    let firstWritten: () => void
    const isFirstWritten = new Promise<void>((resolve) => (firstWritten = resolve))
    const stopWatch = onRowChanges(() => firstWritten())
    const server = scriptedServer(
      [
        page([network('x-imk', 1), member('a', 2)], { [PUBLIC_SCOPE]: 1, [PRIVATE]: 2 }, true),
        // Answered for the person who was signed in when it was asked for.
        page([member('b', 3)], { [PUBLIC_SCOPE]: 1, [PRIVATE]: 3 }, false),
        page([network('iakh', 4)], { [PUBLIC_SCOPE]: 4 }, false),
      ],
      async (request) => {
        if (request !== 2) return
        await isFirstWritten
        await dropPrivateScopes(db)
      },
    )
    expect(await pullChanges(db, server.api)).toEqual({ kind: 'done', received: 3 })
    server.stop()
    stopWatch()
    expect(server.requests.map((r) => r.cursors)).toEqual([
      {},
      { [PUBLIC_SCOPE]: 1, [PRIVATE]: 2 },
      { [PUBLIC_SCOPE]: 1 },
    ])
    expect(await db.members.count()).toBe(0)
    expect((await db.networks.toArray()).map((n) => n.id).sort()).toEqual(['iakh', 'x-imk'])
    expect((await db.meta.get('cursors'))?.value).toEqual({ [PUBLIC_SCOPE]: 4 })
  })
})
