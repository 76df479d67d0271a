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

/**
 * Makes the change recorder of a transaction. On PostgreSQL a transaction-
 * scoped advisory lock makes sequence numbers commit in order (without it a
 * puller could pass a number that commits late), and a notification tells
 * the other server processes when the transaction commits.
 */
export function changeRecorder(trx: Trx, kind: DatabaseKind): ChangeRecorder {
  const isPostgres = kind === 'postgres'
  const lock = async () => {
    if (isPostgres) await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(trx)
  }
  // Delivered when the transaction commits (not at all if it rolls back); PostgreSQL folds repeats into one.
  const notify = async () => {
    if (isPostgres) await sql`select pg_notify(${CHANGE_CHANNEL}, '')`.execute(trx)
  }
  const put = async (entity: EntityName, rowId: string, views: Partial<Record<Scope, unknown>>) => {
    await lock()
    // One statement finds and removes the row's earlier entries (RETURNING: SQLite 3.35+ and PostgreSQL).
    const removed = await trx
      .deleteFrom('changeLog')
      .where('entity', '=', entity)
      .where('rowId', '=', rowId)
      .returning('scope')
      .execute()
    const createdAt = new Date().toISOString()
    const entries: Omit<Database['changeLog'], 'seq'>[] = []
    for (const [scope, data] of Object.entries(views)) {
      entries.push({ scope, entity, rowId, op: 'put', data: JSON.stringify(data), createdAt })
    }
    for (const scope of new Set(removed.map((r) => r.scope))) {
      if (!(scope in views)) entries.push({ scope, entity, rowId, op: 'del', data: null, createdAt })
    }
    if (entries.length > 0)
      await trx
        .insertInto('changeLog')
        .values(entries as never)
        .execute()
    await notify()
  }
  return {
    put,
    remove: (entity, rowId) => put(entity, rowId, {}),
    async putNew(rows) {
      await lock()
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
      await notify()
    },
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
  return db.transaction().execute((trx) => work(changeTx(trx, kind)))
}

/** The change transaction of a transaction already open (the push opens its own, with a savepoint per change). */
export function changeTx(trx: Trx, kind: DatabaseKind): ChangeTx {
  return {
    trx,
    changes: changeRecorder(trx, kind),
    forUpdate: (query) => (kind === 'postgres' ? query.forUpdate() : query),
  }
}
