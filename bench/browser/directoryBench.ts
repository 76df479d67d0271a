// Runs in Chromium, driven by bench/directory.ts: the app's own sync and
// search code against the real server, each figure beside a baseline
// measured here in the same run.
import Dexie from 'dexie'
import { createDatabase, scopeKeyPrefix } from '../../client/db/database.ts'
import { applyPage } from '../../client/sync/pullChanges.ts'
import type { MemberIndex, StoredMember } from '../../client/features/directory/memberIndex.ts'
import { createDirectoryIndexes } from '../../client/features/directory/directoryIndexes.ts'
import type { PullResponse } from '../../shared/sync/protocol.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { ENTITY_TABLES, isEntityName } from '../../client/db/stores.ts'

async function fetchAllPages(): Promise<PullResponse[]> {
  const pages: PullResponse[] = []
  let cursors: Record<string, number> = {}
  for (;;) {
    const res = await fetch('/api/sync/pull', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, cursors, limit: 1000 }),
    })
    const page = (await res.json()) as PullResponse
    pages.push(page)
    cursors = page.cursors
    if (!page.hasMore) return pages
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

/** What a person might type: prefixes of names, employers and cities that exist, letter by letter. */
function typedQueries(rows: StoredMember[], count: number): string[][] {
  const words: string[] = []
  for (let i = 0; i < count; i++) {
    const row = rows[(i * 7919) % rows.length]!
    const pick = [row.name.split(' ')[1], row.name, row.employer, row.city, row.programme].filter(Boolean) as string[]
    words.push(pick[i % pick.length]!)
  }
  return words.map((w) => Array.from({ length: Math.min(w.length, 10) }, (_, i) => w.slice(0, i + 1)))
}

async function run(scope: string) {
  const pages = await fetchAllPages()
  const changes = pages.reduce((n, p) => n + p.changes.length, 0)

  // The app's apply (derived search fields, outbox check, cursors) against a bare bulkPut of the same rows, page for page.
  const appDb = createDatabase(`bench-apply-${Date.now()}`)
  await appDb.open()
  let started = performance.now()
  for (const page of pages) await applyPage(appDb, page)
  const applyMs = performance.now() - started

  const bareDb = createDatabase(`bench-bare-${Date.now()}`)
  await bareDb.open()
  const bareWrites = pages.map((p) => {
    const byTable = new Map<string, Record<string, unknown>[]>()
    for (const c of p.changes) {
      if (!isEntityName(c.entity) || !c.data) continue
      const table = ENTITY_TABLES[c.entity]
      ;(byTable.get(table) ?? byTable.set(table, []).get(table)!).push({
        ...c.data,
        _key: `${c.scope}|${c.id}`,
        _scope: c.scope,
      })
    }
    return byTable
  })
  started = performance.now()
  for (let i = 0; i < pages.length; i++) {
    await bareDb.transaction(
      'rw',
      [bareDb.meta, ...Object.values(ENTITY_TABLES).map((t) => bareDb.table(t))],
      async () => {
        for (const [table, rows] of bareWrites[i]!) await bareDb.table(table).bulkPut(rows)
        await bareDb.meta.put({ key: 'cursors', value: pages[i]!.cursors })
      },
    )
  }
  const bareMs = performance.now() - started

  // The floor issue 16 measures against: the same rows put, page for page, into a store with no index but its key.
  const plainDb = new Dexie(`bench-plain-${Date.now()}`)
  plainDb.version(1).stores({ rows: '_key' })
  await plainDb.open()
  started = performance.now()
  for (const writes of bareWrites) {
    await plainDb.transaction('rw', plainDb.table('rows'), async () => {
      for (const rows of writes.values()) await plainDb.table('rows').bulkPut(rows)
    })
  }
  const plainMs = performance.now() - started
  plainDb.close()

  // Opening the directory as the page does (once per app session): the index fills in steps; the
  // first 50 names show after the first step, the whole list when the last step is in.
  started = performance.now()
  let firstMs = 0
  const index = await new Promise<MemberIndex>((resolve) => {
    const opened = createDirectoryIndexes(appDb).open(scope, () => {
      opened.index.search({ text: '', cohort: null, helpWith: [], sort: 'name', limit: 50 })
      firstMs ||= performance.now() - started
      if (opened.isLoaded()) resolve(opened.index)
    })
  })
  const loadMs = performance.now() - started
  const rows = (await appDb.members.where('_key').startsWith(scopeKeyPrefix(scope)).toArray()) as StoredMember[]

  // Search as you type: every keystroke of 60 words, in the default order, as the page runs it.
  const keystrokes: number[] = []
  for (const sequence of typedQueries(rows, 60)) {
    for (const text of sequence) {
      const t0 = performance.now()
      index.search({ text, cohort: null, helpWith: [], sort: 'name', limit: 50 })
      keystrokes.push(performance.now() - t0)
    }
    index.search({ text: '', cohort: null, helpWith: [], sort: 'name', limit: 50 })
  }
  // A bare scan of the same rows with includes(), the floor any substring search pays.
  const bareScan: number[] = []
  const names = rows.map((r) => r.name.toLowerCase())
  for (const sequence of typedQueries(rows, 60)) {
    for (const text of sequence) {
      const t0 = performance.now()
      const needle = text.toLowerCase()
      let n = 0
      for (const name of names) if (name.includes(needle)) n++
      bareScan.push(performance.now() - t0 + n * 0)
    }
  }
  appDb.close()
  bareDb.close()
  return {
    pages: pages.length,
    changes,
    memberRows: rows.length,
    applyMs,
    bareMs,
    plainMs,
    loadMs,
    firstMs,
    keystrokes: keystrokes.length,
    searchMedian: percentile(keystrokes, 0.5),
    searchP95: percentile(keystrokes, 0.95),
    searchMax: Math.max(...keystrokes),
    bareScanMedian: percentile(bareScan, 0.5),
    bareScanP95: percentile(bareScan, 0.95),
  }
}

;(window as unknown as { runDirectoryBench: typeof run }).runDirectoryBench = run
document.getElementById('status')!.textContent = 'ready'
