import { sql, type Transaction } from 'kysely'
import type { Database, DatabaseKind } from '../db/schema.ts'
import type { EntityName } from '../../shared/sync/entities.ts'
import type { Scope } from '../../shared/sync/scopes.ts'
import { CHANGE_CHANNEL } from './changeNotifications.ts'

export type Trx = Transaction<Database>

/** What a row looks like in each scope it belongs to. A row in no scope is deleted from every device. */
export type ScopedViews = Partial<Record<Scope, object>>

// Any constant works; it only has to be the same for every writer of the change log.
const CHANGE_LOG_LOCK = 7_305_001

/**
 * Records that a row changed, in the same transaction as the change itself.
 *
 * The log keeps only the newest entry per row and scope: earlier entries of the
 * row are replaced, so reading a scope from sequence 0 is its snapshot. A scope
 * the row has left gets a tombstone, so devices holding it there delete it.
 *
 * On PostgreSQL a transaction-scoped advisory lock makes sequence numbers
 * commit in order; without it a puller could pass a number that commits late.
 *
 * @example await recordChange(trx, kind, 'network', net.id, { public: toNetwork(net) })
 */
export async function recordChange(
  trx: Trx,
  kind: DatabaseKind,
  entity: EntityName,
  rowId: string,
  views: ScopedViews,
): Promise<void> {
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(trx)
  // One statement finds and removes the row's earlier entries (RETURNING: SQLite 3.35+ and PostgreSQL).
  const removed = await trx
    .deleteFrom('changeLog')
    .where('entity', '=', entity)
    .where('rowId', '=', rowId)
    .returning('scope')
    .execute()
  const earlier = [...new Set(removed.map((r) => r.scope))].map((scope) => ({ scope }))
  const createdAt = new Date().toISOString()
  const entries: Database['changeLog'][] = []
  for (const [scope, data] of Object.entries(views)) {
    entries.push({ scope, entity, rowId, op: 'put', data: JSON.stringify(data), createdAt } as Database['changeLog'])
  }
  for (const { scope } of earlier) {
    if (!(scope in views))
      entries.push({ scope, entity, rowId, op: 'del', data: null, createdAt } as Database['changeLog'])
  }
  if (entries.length > 0)
    await trx
      .insertInto('changeLog')
      .values(entries as never)
      .execute()
  if (kind === 'postgres') await notifyCommitted(trx)
}

/**
 * Tells listening server processes that the change log grew, delivered when
 * the transaction commits (and not at all if it rolls back). PostgreSQL folds
 * the same notification within one transaction into one.
 */
async function notifyCommitted(trx: Trx): Promise<void> {
  await sql`select pg_notify(${CHANGE_CHANNEL}, '')`.execute(trx)
}

/** Records that a row is gone: a tombstone in every scope that held it. */
export function recordDeletion(trx: Trx, kind: DatabaseKind, entity: EntityName, rowId: string): Promise<void> {
  return recordChange(trx, kind, entity, rowId, {})
}

/**
 * Bulk form of `recordChange` for rows that are new (seed, imports): no earlier
 * entries to replace, so it only inserts, in chunks both databases accept.
 */
export async function recordNewRows(
  trx: Trx,
  kind: DatabaseKind,
  rows: { entity: EntityName; rowId: string; views: ScopedViews }[],
): Promise<void> {
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(trx)
  const createdAt = new Date().toISOString()
  const entries = rows.flatMap(({ entity, rowId, views }) =>
    Object.entries(views).map(([scope, data]) => ({
      scope,
      entity,
      rowId,
      op: 'put' as const,
      data: JSON.stringify(data),
      createdAt,
    })),
  )
  for (let i = 0; i < entries.length; i += 1000) {
    await trx
      .insertInto('changeLog')
      .values(entries.slice(i, i + 1000) as never)
      .execute()
  }
  if (kind === 'postgres') await notifyCommitted(trx)
}
