import { sql } from 'kysely'
import type { Db } from '../db/schema.ts'
import type { Change, Cursors, PullRequest, PullResponse } from '../../shared/sync/protocol.ts'
import { readableScopes } from './readableScopes.ts'

/** The newest sequence number visible now (0 for an empty log). */
async function latestSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('changeLog').select((eb) => eb.fn.max('seq').as('max')).executeTakeFirst()
  return Number(row?.max ?? 0)
}

/** Deletions older than this have been pruned: a cursor below it may have missed one. */
export async function tombstoneHorizon(db: Db): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'tombstone_horizon').executeTakeFirst()
  return Number(row?.value ?? 0)
}

/**
 * Answers a device's pull: the changes since its cursors in the scopes the
 * person may read now, one page at a time, oldest first.
 *
 * - A scope the device does not know yet starts at 0, which is its snapshot
 *   (tombstones skipped: there is nothing to delete).
 * - A scope it may no longer read is listed in `dropScopes`.
 * - A scope whose cursor is older than the tombstone horizon is dropped and
 *   sent again from 0, so a deletion it missed cannot survive.
 * - A cursor beyond the newest change means the server's data was replaced:
 *   the device must reset.
 */
export async function pullChanges(db: Db, personId: string | null, request: PullRequest): Promise<PullResponse> {
  const serverTime = new Date().toISOString()
  const [allowed, horizon, latestInLog] = await Promise.all([readableScopes(db, personId), tombstoneHorizon(db), latestSeq(db)])
  // Pruning tombstones can lower the newest number left in the log; the horizon remembers it.
  const latest = Math.max(latestInLog, horizon)
  const known = request.cursors
  if (Object.values(known).some((c) => c > latest)) {
    return { reset: true, changes: [], dropScopes: [], cursors: {}, hasMore: false, remaining: 0, serverTime }
  }
  const dropScopes = Object.keys(known).filter((s) => !allowed.includes(s as never))
  const from: Cursors = {}
  for (const scope of allowed) {
    const cursor = known[scope] ?? 0
    const isStale = cursor > 0 && cursor < horizon
    if (isStale) dropScopes.push(scope)
    from[scope] = isStale ? 0 : cursor
  }

  const waiting = db.selectFrom('changeLog')
    .where((eb) => eb.or(Object.entries(from).map(([scope, cursor]) => eb.and([
      eb('scope', '=', scope),
      eb('seq', '>', cursor),
      ...(cursor === 0 ? [eb('op', '=', 'put')] : []),
    ]))))
  const rows = await waiting.selectAll().orderBy('seq').limit(request.limit + 1).execute()

  const hasMore = rows.length > request.limit
  const page = hasMore ? rows.slice(0, request.limit) : rows
  const lastInPage = page.at(-1)?.seq ?? 0
  // For the first sync's progress bar: how many changes wait after this page (counted only when some do).
  const remaining = hasMore
    ? Number((await waiting.where('seq', '>', lastInPage).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0)
    : 0
  // Every change up to `lastInPage` in every scope asked for is in this page; when nothing
  // more waits, every change up to `latest` (read before the query) has been seen too.
  const reached = hasMore ? lastInPage : Math.max(lastInPage, latest)
  const cursors: Cursors = {}
  for (const [scope, cursor] of Object.entries(from)) cursors[scope] = Math.max(cursor, reached)

  const changes: Change[] = page.map((r) => ({
    seq: Number(r.seq), scope: r.scope, entity: r.entity, id: r.rowId, op: r.op,
    data: r.data === null ? null : JSON.parse(r.data) as Record<string, unknown>,
  }))
  return { reset: false, changes, dropScopes, cursors, hasMore, remaining, serverTime }
}

/**
 * Deletes tombstones older than `retentionDays` and raises the horizon to the
 * newest one deleted, so devices that slept longer re-read those scopes.
 */
export async function pruneTombstones(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('changeLog').select((eb) => eb.fn.max('seq').as('max'))
      .where('op', '=', 'del').where('createdAt', '<', cutoff).executeTakeFirst()
    const newest = Number(row?.max ?? 0)
    if (newest === 0) return 0
    const { numDeletedRows } = await trx.deleteFrom('changeLog')
      .where('op', '=', 'del').where('seq', '<=', newest).executeTakeFirst()
    await raiseHorizon(trx, newest)
    return Number(numDeletedRows)
  })
}

/**
 * Declares that changes up to `seq` may have been forgotten (pruned, or the
 * data replaced): a device whose cursor is below it re-reads the scope.
 */
export async function raiseHorizon(db: Db, seq: number): Promise<void> {
  await db.updateTable('meta').set({ value: String(seq) })
    .where('key', '=', 'tombstone_horizon').where(sql`cast(value as integer)`, '<', seq).execute()
}

/** Forgets the whole change log (before data is replaced), so every device re-reads what it holds. */
export async function forgetChangeLog(db: Db): Promise<void> {
  await raiseHorizon(db, await latestSeq(db))
  await db.deleteFrom('changeLog').execute()
}
