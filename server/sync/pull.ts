import { sql } from 'kysely'
import type { Db } from '../db/schema.ts'
import type { Change, Cursors, PullRequest, PullResponse } from '../../shared/sync/protocol.ts'
import { readableScopes } from './readableScopes.ts'
import { syncEpoch } from './epoch.ts'
import { PUBLIC_SCOPE } from '../../shared/sync/scopes.ts'

/** The newest sequence number visible now (0 for an empty log). */
async function latestSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('changeLog')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst()
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
 * - A cursor beyond the newest change, or cursors of another epoch, mean the
 *   server's data was replaced (restored from a backup): the device must reset.
 */
export async function pullChanges(db: Db, personId: string | null, request: PullRequest): Promise<PullResponse> {
  const serverTime = new Date().toISOString()
  const [allowed, horizon, latestInLog, epoch] = await Promise.all([
    readableScopes(db, personId),
    tombstoneHorizon(db),
    latestSeq(db),
    syncEpoch(db),
  ])
  // Pruning tombstones can lower the newest number left in the log; the horizon remembers it.
  const latest = Math.max(latestInLog, horizon)
  const known = request.cursors
  const isOtherHistory = request.epoch !== undefined && request.epoch !== epoch
  if (isOtherHistory || Object.values(known).some((c) => c > latest)) {
    return { reset: true, epoch, changes: [], dropScopes: [], cursors: {}, hasMore: false, remaining: 0, serverTime }
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
  // First is not only: the later scopes always get a share of the page, so a public row that
  // changes on every round trip (a popular event filling up) cannot hold the directory back.
  const firstScopes = Object.keys(from).filter((scope) => scope === PUBLIC_SCOPE || scope.startsWith('user:'))
  const laterScopes = Object.keys(from).filter((scope) => !firstScopes.includes(scope))
  const waitingIn = (scopes: string[]) =>
    db
      .selectFrom('changeLog')
      .where((eb) =>
        eb.or(
          scopes.map((scope) =>
            eb.and([
              eb('scope', '=', scope),
              eb('seq', '>', from[scope]!),
              ...(from[scope] === 0 ? [eb('op', '=', 'put')] : []),
            ]),
          ),
        ),
      )
  const fetchGroup = (scopes: string[]) =>
    scopes.length === 0
      ? Promise.resolve([])
      : waitingIn(scopes)
          .selectAll()
          .orderBy('seq')
          .limit(request.limit + 1)
          .execute()
  const [firstRows, laterRows] = await Promise.all([fetchGroup(firstScopes), fetchGroup(laterScopes)])
  const laterShare = laterScopes.length > 0 ? Math.max(1, Math.floor(request.limit / 4)) : 0
  const laterTake = Math.min(laterRows.length, request.limit, Math.max(laterShare, request.limit - firstRows.length))
  const firstTake = Math.min(firstRows.length, request.limit - laterTake)
  const groups = [
    { scopes: firstScopes, rows: firstRows.slice(0, firstTake), hasMore: firstRows.length > firstTake },
    { scopes: laterScopes, rows: laterRows.slice(0, laterTake), hasMore: laterRows.length > laterTake },
  ]

  // Every change up to a group's last row sent, in every scope of the group, has been sent; when
  // nothing more waits in the group, every change up to `latest` (read before the queries) has been seen.
  const cursors: Cursors = {}
  let remaining = 0
  for (const group of groups) {
    const last = group.rows.at(-1)?.seq ?? 0
    const reached = group.hasMore ? last : Math.max(last, latest)
    for (const scope of group.scopes) cursors[scope] = Math.max(from[scope]!, reached)
    // For the first sync's progress bar: how many changes wait after this page.
    if (group.hasMore) {
      remaining += Number(
        (
          await waitingIn(group.scopes)
            .where('seq', '>', last)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      )
    }
  }
  const hasMore = groups.some((g) => g.hasMore)
  const page = [...groups[0]!.rows, ...groups[1]!.rows]

  const changes: Change[] = page.map((r) => ({
    seq: Number(r.seq),
    scope: r.scope,
    entity: r.entity,
    id: r.rowId,
    op: r.op,
    data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
  }))
  return { reset: false, epoch, changes, dropScopes, cursors, hasMore, remaining, serverTime }
}

/**
 * Deletes tombstones older than `retentionDays` and raises the horizon to the
 * newest one deleted, so devices that slept longer re-read those scopes.
 */
export async function pruneTombstones(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('changeLog')
      .select((eb) => eb.fn.max('seq').as('max'))
      .where('op', '=', 'del')
      .where('createdAt', '<', cutoff)
      .executeTakeFirst()
    const newest = Number(row?.max ?? 0)
    if (newest === 0) return 0
    const { numDeletedRows } = await trx
      .deleteFrom('changeLog')
      .where('op', '=', 'del')
      .where('seq', '<=', newest)
      .executeTakeFirst()
    await raiseHorizon(trx, newest)
    return Number(numDeletedRows)
  })
}

/**
 * Declares that changes up to `seq` may have been forgotten (pruned, or the
 * data replaced): a device whose cursor is below it re-reads the scope.
 */
export async function raiseHorizon(db: Db, seq: number): Promise<void> {
  await db
    .updateTable('meta')
    .set({ value: String(seq) })
    .where('key', '=', 'tombstone_horizon')
    .where(sql`cast(value as integer)`, '<', seq)
    .execute()
}

/** Forgets the whole change log (before data is replaced), so every device re-reads what it holds. */
export async function forgetChangeLog(db: Db): Promise<void> {
  await raiseHorizon(db, await latestSeq(db))
  await db.deleteFrom('changeLog').execute()
}
