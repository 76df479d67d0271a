import type { AlumniDb } from '../db/database.ts'
import { SYNCED_TABLES, outboxKey, rowKey, changedRowKey, scopeKeyPrefix } from '../db/database.ts'
import { readMeta, writeMeta } from '../db/meta.ts'
import type { Api } from '../api/client.ts'
import { readProblem } from '../api/client.ts'
import type { Cursors, PullResponse } from '../../shared/sync/protocol.ts'
import type { Problem } from '../../shared/problem.ts'
import { ENTITY_TABLES, isEntityName } from '../db/stores.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { PUBLIC_SCOPE } from '../../shared/sync/scopes.ts'
import type { EntityTable } from '../db/stores.ts'
import { announceRowChanges } from './rowChanges.ts'
import { withDerivedFields } from '../db/derivedFields.ts'
import { yieldToPage } from './yieldToPage.ts'

export type PullOutcome =
  { kind: 'done'; received: number } | { kind: 'refused'; problem: Problem } | { kind: 'offline'; received: number }

const CURSORS_KEY = 'cursors'
/** The server's epoch the cursors belong to (see `server/sync/epoch.ts`). */
const EPOCH_KEY = 'syncEpoch'
/**
 * Raised whenever the device drops rows the server will not send again (a reset, a sign-out): a page asked
 * for before that, and answered for whoever was signed in then, is thrown away instead of applied.
 */
const GENERATION_KEY = 'syncGeneration'

async function raiseGeneration(db: AlumniDb): Promise<void> {
  await writeMeta(db, GENERATION_KEY, (await readMeta<number>(db, GENERATION_KEY, 0)) + 1)
}

/** Empties every synced table and the cursors. The outbox and rejected changes are never touched. */
export async function resetSyncedData(db: AlumniDb): Promise<void> {
  await db.transaction('rw', [db.meta, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
    for (const table of SYNCED_TABLES) await db.table(table).clear()
    await writeMeta(db, CURSORS_KEY, {})
    await db.meta.delete(EPOCH_KEY)
    await raiseGeneration(db)
  })
  for (const table of SYNCED_TABLES)
    announceRowChanges({ table, putKeys: [], deletedKeys: [], droppedScopes: [], isCleared: true })
}

/**
 * Removes every row not in the public scope, its cursor, and the person's
 * member cards: on sign-out or
 * a change of person, so no one's private rows outlive their session even
 * before the next pull (which would drop them too).
 */
export async function dropPrivateScopes(db: AlumniDb): Promise<void> {
  await db.transaction('rw', [db.meta, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
    const publicRows = scopeKeyPrefix(PUBLIC_SCOPE)
    for (const table of SYNCED_TABLES) {
      await db.table(table).where('_key').below(publicRows).delete()
      await db.table(table).where('_key').above(`${publicRows}\uffff`).delete()
    }
    const cursors = await readMeta<Cursors>(db, CURSORS_KEY, {})
    await writeMeta(
      db,
      CURSORS_KEY,
      Object.hasOwn(cursors, PUBLIC_SCOPE) ? { [PUBLIC_SCOPE]: cursors[PUBLIC_SCOPE] } : {},
    )
    // The signed member cards are the person's own too.
    await db.meta.delete('memberCards')
    await raiseGeneration(db)
  })
  for (const table of SYNCED_TABLES)
    announceRowChanges({ table, putKeys: [], deletedKeys: [], droppedScopes: [], isCleared: true })
}

/** How many rows are prepared or written at a time before the page may handle a key press. */
const SLICE = 100

/** The page's rows as the device stores them, made in slices, before the transaction opens. */
async function prepareRows(page: PullResponse) {
  const prepared: { table: EntityTable; key: string; row: Record<string, unknown> | null }[] = []
  for (let i = 0; i < page.changes.length; i += SLICE) {
    if (i > 0) await yieldToPage()
    for (const change of page.changes.slice(i, i + SLICE)) {
      if (!isEntityName(change.entity)) continue
      const table = ENTITY_TABLES[change.entity]
      const key = rowKey(change.scope, change.id)
      const row =
        change.op === 'put' && change.data
          ? withDerivedFields(table, { ...change.data, _key: key, _scope: change.scope }, change.scope)
          : null
      prepared.push({ table, key, row })
    }
  }
  return prepared
}

/**
 * Applies one page in one transaction with its cursors, so a page is either
 * wholly applied or not at all and a resumed sync starts where it stopped.
 * Rows changed on this device and not yet sent are not overwritten; the
 * server's version becomes what a refusal would restore. Given the
 * generation the page was asked for in, a page that has been overtaken by a
 * reset or a sign-out is not applied, and the answer is false.
 */
export async function applyPage(db: AlumniDb, page: PullResponse, askedIn?: number): Promise<boolean> {
  const puts = new Map<EntityTable, Record<string, unknown>[]>()
  const deletes = new Map<EntityTable, string[]>()
  const prepared = await prepareRows(page)
  const isApplied = await db.transaction(
    'rw',
    [db.meta, db.outbox, ...SYNCED_TABLES.map((t) => db.table(t))],
    async () => {
      if (askedIn !== undefined && (await readMeta<number>(db, GENERATION_KEY, 0)) !== askedIn) return false
      for (const scope of page.dropScopes) {
        for (const table of SYNCED_TABLES)
          await db.table(table).where('_key').startsWith(scopeKeyPrefix(scope)).delete()
      }
      // The outbox is short; reading its keys once spares a lookup per row of a 40,000-row page run.
      const waitingKeys = new Set((await db.outbox.toArray()).flatMap((entry) => entry.keys))
      for (const { table, key, row } of prepared) {
        if (waitingKeys.has(changedRowKey(table, key))) {
          const pending = await db.outbox.where('keys').equals(changedRowKey(table, key)).sortBy('id')
          // The earliest waiting change of each person is the one a refusal would undo to the server's row.
          const earliest = new Map<string, (typeof pending)[number]>()
          for (const entry of pending) if (!earliest.has(entry.clientId)) earliest.set(entry.clientId, entry)
          for (const entry of earliest.values()) {
            await db.outbox.update(outboxKey(entry), {
              undo: entry.undo.map((u) => (u.table === table && u.key === key ? { ...u, before: row } : u)),
            })
          }
          continue
        }
        if (row) (puts.get(table) ?? puts.set(table, []).get(table)!).push(row)
        else (deletes.get(table) ?? deletes.set(table, []).get(table)!).push(key)
      }
      // In slices: each put copies its row at once, and a thousand rows at once is a long task on a cheap
      // phone. Between slices the page handles its input; the transaction stays open, for requests wait.
      for (const [table, rows] of puts) {
        for (let i = 0; i < rows.length; i += SLICE) await db.table(table).bulkPut(rows.slice(i, i + SLICE))
      }
      for (const [table, keys] of deletes) await db.table(table).bulkDelete(keys)
      await writeMeta(db, CURSORS_KEY, page.cursors)
      await writeMeta(db, EPOCH_KEY, page.epoch)
      return true
    },
  )
  if (!isApplied) return false
  for (const table of new Set([...puts.keys(), ...deletes.keys(), ...(page.dropScopes.length ? SYNCED_TABLES : [])])) {
    const rows = puts.get(table) ?? []
    announceRowChanges({
      table,
      putKeys: rows.map((r) => r._key as string),
      deletedKeys: deletes.get(table) ?? [],
      droppedScopes: page.dropScopes,
      isCleared: false,
      rows,
    })
  }
  return true
}

type PageAnswer =
  { kind: 'page'; page: PullResponse; askedIn: number } | { kind: 'refused'; problem: Problem } | { kind: 'offline' }

/** Asks for the page after `cursors`; never throws, so a request nobody waits for any more cannot go unhandled. */
async function requestPage(api: Api, cursors: Cursors, epoch: string | null, askedIn: number): Promise<PageAnswer> {
  try {
    const res = await api.sync.pull.$post({
      json: { protocolVersion: SYNC_PROTOCOL_VERSION, cursors, limit: 1000, ...(epoch ? { epoch } : {}) },
    })
    if (res.status >= 500) return { kind: 'offline' }
    if (!res.ok) return { kind: 'refused', problem: await readProblem(res) }
    return { kind: 'page', page: (await res.json()) as PullResponse, askedIn }
  } catch {
    return { kind: 'offline' }
  }
}

/**
 * Pulls every waiting page and applies it. The next page is asked for as
 * soon as a page arrives, with that page's cursors, so the network and the
 * server work while the device writes: on a slow line the download takes
 * the longer of the two, not their sum. `onProgress` hears the running
 * count of rows received and how many the server says still wait, for the
 * first sync's progress bar.
 */
export async function pullChanges(
  db: AlumniDb,
  api: Api,
  onProgress?: (received: number, remaining: number) => void,
): Promise<PullOutcome> {
  let received = 0
  const requestFromStored = async () =>
    requestPage(
      api,
      await readMeta<Cursors>(db, CURSORS_KEY, {}),
      await readMeta<string | null>(db, EPOCH_KEY, null),
      await readMeta<number>(db, GENERATION_KEY, 0),
    )
  let next = requestFromStored()
  for (;;) {
    const answer = await next
    if (answer.kind === 'offline') return { kind: 'offline', received }
    if (answer.kind === 'refused') return answer
    const { page, askedIn } = answer
    if (page.reset) {
      await resetSyncedData(db)
      next = requestFromStored()
      continue
    }
    if (page.hasMore) next = requestPage(api, page.cursors, page.epoch, askedIn)
    // Overtaken by a sign-out or a reset while on its way (and so is the page asked for after it): start
    // again from what the device holds now.
    if (!(await applyPage(db, page, askedIn))) {
      next = requestFromStored()
      continue
    }
    received += page.changes.length
    onProgress?.(received, page.remaining ?? 0)
    if (!page.hasMore) return { kind: 'done', received }
  }
}
