import type { AlumniDb } from '../db/database.ts'
import { SYNCED_TABLES, outboxKey } from '../db/database.ts'
import { readMeta, writeMeta } from '../db/meta.ts'
import type { Api } from '../api/client.ts'
import { readProblem } from '../api/client.ts'
import type { Cursors, PullResponse } from '../../shared/sync/protocol.ts'
import type { Problem } from '../../shared/problem.ts'
import { ENTITY_TABLES, isEntityName } from '../../shared/sync/entityTables.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { PUBLIC_SCOPE } from '../../shared/sync/scopes.ts'

export type PullOutcome =
  | { kind: 'done', received: number }
  | { kind: 'refused', problem: Problem }
  | { kind: 'offline', received: number }

const CURSORS_KEY = 'cursors'

/** Empties every synced table and the cursors. The outbox and rejected changes are never touched. */
export async function resetSyncedData(db: AlumniDb): Promise<void> {
  await db.transaction('rw', [db.meta, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
    for (const table of SYNCED_TABLES) await db.table(table).clear()
    await writeMeta(db, CURSORS_KEY, {})
  })
}

/**
 * Removes every row not in the public scope, and its cursor: on sign-out or
 * a change of person, so no one's private rows outlive their session even
 * before the next pull (which would drop them too).
 */
export async function dropPrivateScopes(db: AlumniDb): Promise<void> {
  await db.transaction('rw', [db.meta, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
    for (const table of SYNCED_TABLES) await db.table(table).where('_scope').notEqual(PUBLIC_SCOPE).delete()
    const cursors = await readMeta<Cursors>(db, CURSORS_KEY, {})
    await writeMeta(db, CURSORS_KEY, Object.hasOwn(cursors, PUBLIC_SCOPE) ? { [PUBLIC_SCOPE]: cursors[PUBLIC_SCOPE] } : {})
  })
}

/**
 * Applies one page in one transaction with its cursors, so a page is either
 * wholly applied or not at all and a resumed sync starts where it stopped.
 * Rows changed on this device and not yet sent are not overwritten; the
 * server's version becomes what a refusal would restore.
 */
async function applyPage(db: AlumniDb, page: PullResponse): Promise<void> {
  await db.transaction('rw', [db.meta, db.outbox, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
    for (const scope of page.dropScopes) {
      for (const table of SYNCED_TABLES) await db.table(table).where('_scope').equals(scope).delete()
    }
    const puts = new Map<string, Record<string, unknown>[]>()
    const deletes = new Map<string, string[]>()
    for (const change of page.changes) {
      if (!isEntityName(change.entity)) continue
      const table = ENTITY_TABLES[change.entity]
      const key = `${change.scope}|${change.id}`
      const row = change.op === 'put' && change.data ? { ...change.data, _key: key, _scope: change.scope } : null
      const pending = await db.outbox.where('keys').equals(`${table}|${key}`).sortBy('id')
      if (pending.length > 0) {
        // The earliest waiting change of each person is the one a refusal would undo to the server's row.
        const earliest = new Map<string, (typeof pending)[number]>()
        for (const entry of pending) if (!earliest.has(entry.clientId)) earliest.set(entry.clientId, entry)
        for (const entry of earliest.values()) {
          await db.outbox.update(outboxKey(entry), { undo: entry.undo.map((u) => (u.table === table && u.key === key ? { ...u, before: row } : u)) })
        }
        continue
      }
      if (row) (puts.get(table) ?? puts.set(table, []).get(table)!).push(row)
      else (deletes.get(table) ?? deletes.set(table, []).get(table)!).push(key)
    }
    for (const [table, rows] of puts) await db.table(table).bulkPut(rows)
    for (const [table, keys] of deletes) await db.table(table).bulkDelete(keys)
    await writeMeta(db, CURSORS_KEY, page.cursors)
  })
}

/**
 * Pulls every waiting page and applies it. `onProgress` hears the running
 * count of rows received, for the first sync's progress bar.
 */
export async function pullChanges(db: AlumniDb, api: Api, onProgress?: (received: number) => void): Promise<PullOutcome> {
  let received = 0
  for (;;) {
    const cursors = await readMeta<Cursors>(db, CURSORS_KEY, {})
    let res: Response
    try {
      res = await api.sync.pull.$post({ json: { protocolVersion: SYNC_PROTOCOL_VERSION, cursors, limit: 1000 } })
    } catch {
      return { kind: 'offline', received }
    }
    if (res.status >= 500) return { kind: 'offline', received }
    if (!res.ok) return { kind: 'refused', problem: await readProblem(res) }
    const page = await res.json() as PullResponse
    if (page.reset) {
      await resetSyncedData(db)
      continue
    }
    await applyPage(db, page)
    received += page.changes.length
    onProgress?.(received)
    if (!page.hasMore) return { kind: 'done', received }
  }
}
