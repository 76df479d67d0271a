import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDatabase } from '../db/database.ts'
import { createApi } from '../api/client.ts'
import type { PullResponse } from '../../shared/sync/protocol.ts'
import { PUBLIC_SCOPE } from '../../shared/sync/scopes.ts'
import { createWorkerPull } from './pullInWorker.ts'
import { onRowChanges, type RowChanges } from './rowChanges.ts'
import type { PullAsked, PullToldBack } from './pullWorkerProtocol.ts'

// Node has no Web Workers: a stand-in records what the tab asks and lets each test answer as the sync worker
// would. The real worker runs in Chromium (test/e2e/directory.test.ts).
class StandInWorker {
  static made: StandInWorker[] = []
  onmessage: ((event: { data: PullToldBack }) => void) | null = null
  onerror: ((event: { preventDefault: () => void }) => void) | null = null
  asked: PullAsked[] = []
  isTerminated = false
  constructor() {
    StandInWorker.made.push(this)
  }
  postMessage(message: PullAsked) {
    this.asked.push(message)
  }
  terminate() {
    this.isTerminated = true
  }
  tell(data: PullToldBack) {
    this.onmessage?.({ data })
  }
}

const onePage: PullResponse = {
  reset: false,
  epoch: 'e1',
  changes: [{ seq: 1, scope: PUBLIC_SCOPE, entity: 'network', id: 'n1', op: 'put', data: { id: 'n1', slug: 'n1' } }],
  dropScopes: [],
  cursors: { [PUBLIC_SCOPE]: 1 },
  hasMore: false,
  remaining: 0,
  serverTime: new Date().toISOString(),
}

function setUp() {
  StandInWorker.made = []
  vi.stubGlobal('Worker', StandInWorker)
  let requests = 0
  const api = createApi(async () => {
    requests++
    return new Response(JSON.stringify(onePage), { headers: { 'content-type': 'application/json' } })
  })
  const db = createDatabase(`pull-in-worker-${Math.random()}`)
  return { db, pull: createWorkerPull(db, api), requests: () => requests }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('a pull in the sync worker', () => {
  it('hands the tab the rows the worker wrote, its progress, and how it ended', async () => {
    const { pull, requests } = setUp()
    const heard: RowChanges[] = []
    const stop = onRowChanges((changes) => heard.push(changes))
    const progress: number[][] = []
    const pulled = pull((received, remaining) => progress.push([received, remaining]))
    const worker = StandInWorker.made[0]!
    const { id } = worker.asked[0]!
    const changes: RowChanges = {
      table: 'networks',
      putKeys: ['k'],
      deletedKeys: [],
      droppedScopes: [],
      isCleared: false,
      rows: [{ _key: 'k' }],
    }
    worker.tell({ kind: 'rows', changes })
    worker.tell({ kind: 'progress', id, received: 1000, remaining: 39_000 })
    worker.tell({ kind: 'progress', id: id + 1, received: 5, remaining: 5 }) // another pull's: not this one's
    worker.tell({ kind: 'outcome', id, outcome: { kind: 'done', received: 1000 } })
    expect(await pulled).toEqual({ kind: 'done', received: 1000 })
    expect(heard).toEqual([changes])
    expect(progress).toEqual([[1000, 39_000]])
    expect(requests()).toBe(0) // the worker did the fetching, not this thread
    // One worker serves every pull.
    void pull()
    expect(StandInWorker.made).toHaveLength(1)
    expect(worker.asked).toHaveLength(2)
    stop()
  })

  it('refuses with the worker’s error when the pull failed there', async () => {
    const { pull } = setUp()
    const pulled = pull()
    const worker = StandInWorker.made[0]!
    worker.tell({ kind: 'failed', id: worker.asked[0]!.id, message: 'QuotaExceededError' })
    await expect(pulled).rejects.toThrow('QuotaExceededError')
  })

  it('pulls in this thread when the worker cannot run, the waiting pull and every later one', async () => {
    const { db, pull, requests } = setUp()
    const pulled = pull()
    const worker = StandInWorker.made[0]!
    let isDefaultPrevented = false
    worker.onerror?.({ preventDefault: () => (isDefaultPrevented = true) })
    expect(await pulled).toEqual({ kind: 'done', received: 1 })
    expect(isDefaultPrevented).toBe(true)
    expect(worker.isTerminated).toBe(true)
    expect(await db.networks.count()).toBe(1)
    expect(await pull()).toEqual({ kind: 'done', received: 1 })
    expect(StandInWorker.made).toHaveLength(1)
    expect(requests()).toBe(2)
  })
})
