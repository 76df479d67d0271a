import { sql } from 'kysely'
import type { Db } from '../db/schema.ts'
import type { Change, Cursors, PullRequest, PullResponse } from '../../shared/sync/protocol.ts'
import { readableScopes } from './readableScopes.ts'
import { PUBLIC_SCOPE } from '../../shared/sync/scopes.ts'

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

  // The person's own rows and the public pages first, then the networks' scopes: someone who
  // joins a 40,000-member network sees their membership at once, not after the directory.
  const firstScopes = Object.keys(from).filter((scope) => scope === PUBLIC_SCOPE || scope.startsWith('user:'))
  const laterScopes = Object.keys(from).filter((scope) => !firstScopes.includes(scope))
  const waitingIn = (scopes: string[]) => db.selectFrom('changeLog')
    .where((eb) => eb.or(scopes.map((scope) => eb.and([
      eb('scope', '=', scope),
      eb('seq', '>', from[scope]!),
      ...(from[scope] === 0 ? [eb('op', '=', 'put')] : []),
    ]))))
  const isFirstWaiting = firstScopes.length > 0 && laterScopes.length > 0
    && (await waitingIn(firstScopes).select('seq').limit(1).execute()).length > 0
  const pageScopes = isFirstWaiting ? firstScopes : Object.keys(from)
  const heldBack = isFirstWaiting ? laterScopes : []
  const waiting = waitingIn(pageScopes)
  const rows = await waiting.selectAll().orderBy('seq').limit(request.limit + 1).execute()

  const hasMoreInPage = rows.length > request.limit
  const page = hasMoreInPage ? rows.slice(0, request.limit) : rows
  const lastInPage = page.at(-1)?.seq ?? 0
  const countAfter = async (query: typeof waiting, after: number) =>
    Number((await query.where('seq', '>', after).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0)
  // For the first sync's progress bar: how many changes wait after this page.
  const remaining = (hasMoreInPage ? await countAfter(waiting, lastInPage) : 0) + (heldBack.length > 0 ? await countAfter(waitingIn(heldBack), 0) : 0)
  const hasMore = hasMoreInPage || remaining > 0
  // Every change up to `lastInPage` in every scope of this page has been sent; when nothing
  // more waits there, every change up to `latest` (read before the query) has been seen too.
  // Scopes held back keep their cursor.
  const reached = hasMoreInPage ? lastInPage : Math.max(lastInPage, latest)
  const cursors: Cursors = {}
  for (const [scope, cursor] of Object.entries(from)) cursors[scope] = heldBack.includes(scope) ? cursor : Math.max(cursor, reached)

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
