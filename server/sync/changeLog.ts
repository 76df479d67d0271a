import { sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import type { Database, DatabaseKind, Db } from '../db/schema.ts'
import { databaseKindOf } from '../db/index.ts'
import type { ENTITY_SCHEMAS, EntityName } from '../../shared/sync/entities.ts'
import type { Scope } from '../../shared/sync/scopes.ts'
import { CHANGE_CHANNEL } from './changeNotifications.ts'

export type Trx = Transaction<Database>

/** A synced row as devices receive it: the entity's shared schema decides its shape. */
export type EntityRow<E extends EntityName> = z.input<(typeof ENTITY_SCHEMAS)[E]>

/** What a row looks like in each scope it belongs to. A row in no scope is deleted from every device. */
export type ScopedViews<E extends EntityName> = Partial<Record<Scope, EntityRow<E>>>

/** One new row for `ChangeRecorder.putNew`. */
export type NewRow = { [E in EntityName]: { entity: E; rowId: string; views: ScopedViews<E> } }[EntityName]

/**
 * Writes to the change log inside one transaction. The database's dialect is
 * bound in when the recorder is made, so features never see it.
 */
export interface ChangeRecorder {
  /**
   * Records that a row changed: its view in each scope it belongs to now.
   *
   * The log keeps only the newest entry per row and scope: earlier entries of
   * the row are replaced, so reading a scope from sequence 0 is its snapshot.
   * A scope the row has left gets a tombstone, so devices holding it there
   * delete it.
   *
   * @example await tx.changes.put('network', net.id, { public: toNetwork(net) })
   */
  put<E extends EntityName>(entity: E, rowId: string, views: ScopedViews<E>): Promise<void>
  /** Records that a row is gone: a tombstone in every scope that held it. */
  remove(entity: EntityName, rowId: string): Promise<void>
  /**
   * Bulk form of `put` for rows that are new (seed, imports): no earlier
   * entries to replace, so it only inserts, in chunks both databases accept.
   */
  putNew(rows: NewRow[]): Promise<void>
}

/** A query that can lock the rows it reads. */
interface Lockable<Q> {
  forUpdate(): Q
}

/** A transaction with its change recorder: what every writer of synced rows takes. */
export interface ChangeTx {
  trx: Trx
  changes: ChangeRecorder
  /** Locks the rows a query reads until the transaction ends (PostgreSQL; SQLite's writer lock already holds them). */
  forUpdate<Q extends Lockable<Q>>(query: Q): Q
}

// Any constant works; it only has to be the same for every writer of the change log.
const CHANGE_LOG_LOCK = 7_305_001
/** Rows per statement: well under either database's limit on bound values. */
const CHUNK = 500

/**
 * The change-log entries a transaction has recorded and not yet written. The
 * owner of the transaction writes them (`write`) as its last step before
 * commit. On PostgreSQL the write takes a transaction-scoped advisory lock,
 * which makes sequence numbers commit in order (without it a puller could
 * pass a number that commits late); taken at the end, it is held for these
 * few statements and the commit alone. Taken at a transaction's first change
 * (as it was), every other writer waited for the rest of that transaction: a
 * fagdag's door scans waited up to 12 s behind each other and a newsletter.
 * A notification tells the other server processes when the transaction
 * commits.
 */
export interface PendingChanges {
  recorder: ChangeRecorder
  write(trx: Trx): Promise<void>
}

export function pendingChanges(kind: DatabaseKind): PendingChanges {
  const isPostgres = kind === 'postgres'
  // The newest views of each row (a later put of a row replaces an earlier one), and rows known to be new.
  const puts = new Map<string, { entity: EntityName; rowId: string; views: Partial<Record<Scope, unknown>> }>()
  const news: NewRow[] = []
  const put = async (entity: EntityName, rowId: string, views: Partial<Record<Scope, unknown>>) => {
    puts.set(`${entity}\u0000${rowId}`, { entity, rowId, views })
  }
  return {
    recorder: {
      put,
      remove: (entity, rowId) => put(entity, rowId, {}),
      async putNew(rows) {
        news.push(...rows)
      },
    },
    async write(trx) {
      if (puts.size === 0 && news.length === 0) return
      // Delivered when the transaction commits (not at all if it rolls back); PostgreSQL folds repeats into one.
      if (isPostgres)
        await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK}), pg_notify(${CHANGE_CHANNEL}, '')`.execute(trx)
      const createdAt = new Date().toISOString()
      const entries: Omit<Database['changeLog'], 'seq'>[] = news.flatMap(({ entity, rowId, views }) =>
        Object.entries(views).map(([scope, data]) => ({
          scope,
          entity,
          rowId,
          op: 'put' as const,
          data: JSON.stringify(data),
          createdAt,
        })),
      )
      const changed = [...puts.values()]
      for (let i = 0; i < changed.length; i += CHUNK) {
        const chunk = changed.slice(i, i + CHUNK)
        // One statement finds and removes the rows' earlier entries (RETURNING: SQLite 3.35+ and PostgreSQL).
        const removed = await trx
          .deleteFrom('changeLog')
          .where((eb) =>
            eb.or(
              [...new Set(chunk.map((c) => c.entity))].map((entity) =>
                eb.and([
                  eb('entity', '=', entity),
                  eb(
                    'rowId',
                    'in',
                    chunk.filter((c) => c.entity === entity).map((c) => c.rowId),
                  ),
                ]),
              ),
            ),
          )
          .returning(['entity', 'rowId', 'scope'])
          .execute()
        const scopesHeld = new Map<string, Set<string>>()
        for (const r of removed) {
          const key = `${r.entity}\u0000${r.rowId}`
          scopesHeld.set(key, (scopesHeld.get(key) ?? new Set()).add(r.scope))
        }
        for (const { entity, rowId, views } of chunk) {
          for (const [scope, data] of Object.entries(views))
            entries.push({ scope, entity, rowId, op: 'put', data: JSON.stringify(data), createdAt })
          // A scope the row has left gets a tombstone.
          for (const scope of scopesHeld.get(`${entity}\u0000${rowId}`) ?? [])
            if (!(scope in views)) entries.push({ scope, entity, rowId, op: 'del', data: null, createdAt })
        }
      }
      for (let i = 0; i < entries.length; i += CHUNK)
        await trx
          .insertInto('changeLog')
          .values(entries.slice(i, i + CHUNK) as never)
          .execute()
    },
  }
}

/**
 * A recorder that writes each change at once (seeding, tests): for a
 * transaction that records little and then ends. Features record through
 * `inChangeTransaction`, whose changes wait for the commit.
 */
export function changeRecorder(trx: Trx, kind: DatabaseKind): ChangeRecorder {
  const now = async (record: (recorder: ChangeRecorder) => Promise<void>) => {
    const pending = pendingChanges(kind)
    await record(pending.recorder)
    await pending.write(trx)
  }
  return {
    put: (entity, rowId, views) => now((r) => r.put(entity, rowId, views)),
    remove: (entity, rowId) => now((r) => r.remove(entity, rowId)),
    putNew: (rows) => now((r) => r.putNew(rows)),
  }
}

/**
 * Runs `work` in one transaction that records its changes as it goes: the
 * rows and their change-log entries commit together or not at all.
 *
 * @example await inChangeTransaction(db, (tx) => recordEventChange(tx, eventId))
 */
export function inChangeTransaction<T>(db: Db, work: (tx: ChangeTx) => Promise<T>): Promise<T> {
  const kind = databaseKindOf(db)
  return db.transaction().execute(async (trx) => {
    const pending = pendingChanges(kind)
    const result = await work(changeTx(trx, kind, pending))
    await pending.write(trx)
    return result
  })
}

/**
 * The change transaction of a transaction already open (the push opens its
 * own, with a savepoint per change): its owner writes `pending` just before
 * it commits.
 */
export function changeTx(trx: Trx, kind: DatabaseKind, pending: PendingChanges): ChangeTx {
  return {
    trx,
    changes: pending.recorder,
    forUpdate: (query) => (kind === 'postgres' ? query.forUpdate() : query),
  }
}
