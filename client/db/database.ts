import Dexie, { type Table } from 'dexie'
import type { DeviceRow, EntityName } from '../../shared/sync/entities.ts'
import type { Problem } from '../../shared/problem.ts'
import { ENTITY_TABLES, syncedStores, type EntityTable } from './stores.ts'
import { runsTheNetwork, withMemberFields } from '../features/directory/derivedFields.ts'

/**
 * A synced row as stored on the device: the server's row plus the scope it
 * came in (`_scope`) and a key unique across scopes (`_key` = scope|id), so
 * a scope can be dropped without touching the same row held through another.
 */
export type Synced<T> = T & { _key: string; _scope: string }

/** How to put a row back if the server refuses the change that altered it. */
export interface UndoStep {
  table: EntityTable
  key: string
  before: Record<string, unknown> | null
}

/** A change made on this device and not yet handled by the server. */
export interface OutboxEntry {
  /** The mutation id: increasing per client id, the server's idempotency key. */
  id: number
  clientId: string
  name: string
  args: unknown
  /** `table|_key` of every local row it changed, to hold back pulls that would overwrite them. */
  keys: string[]
  undo: UndoStep[]
  createdAt: string
  /** Whom or what the change is about, in words the person recognises ("Lise Sent"): kept with a refusal, never sent. */
  about?: string
  /**
   * Set when an earlier change of the same row was refused: this one was made on top of a state the server
   * never had, so once the server has handled it the device goes back to the server's row (see `pushOutbox`).
   */
  isOnRefusedState?: boolean
}

/** The outbox key of an entry. */
export function outboxKey(entry: Pick<OutboxEntry, 'clientId' | 'id'>): [string, number] {
  return [entry.clientId, entry.id]
}

/** A change the server refused, kept with the reason until the person dismisses it. */
export interface RejectedEntry {
  seq?: number
  id: number
  name: string
  args: unknown
  problem: Problem
  rejectedAt: string
  /** The entry's `about`, so a refusal names whom it concerned after the rows it changed are gone. */
  about?: string
}

/** Each synced entity's table, holding its rows as the server sent them. */
type SyncedTables = { [E in EntityName as (typeof ENTITY_TABLES)[E]]: Table<Synced<DeviceRow<E>>, string> }

export type AlumniDb = Dexie &
  SyncedTables & {
    outbox: Table<OutboxEntry, [string, number]>
    rejected: Table<RejectedEntry, number>
    meta: Table<{ key: string; value: unknown }, string>
  }

/**
 * A synced row's key on the device: the same row may arrive in several
 * scopes (a member's entry in two networks), and each copy is its own row.
 */
export function rowKey(scope: string, id: string): string {
  return `${scopeKeyPrefix(scope)}${id}`
}

/** The first key of a scope's rows, for a range of the key: `table.where('_key').startsWith(scopeKeyPrefix(scope))`. */
export function scopeKeyPrefix(scope: string): string {
  return `${scope}|`
}

/** How an outbox entry names a local row it changed, so a pull does not overwrite it before the push. */
export function changedRowKey(table: string, key: string): string {
  return `${table}|${key}`
}

/** The tables that hold synced rows, by their entity's table name. */
export const SYNCED_TABLES: readonly EntityTable[] = Object.values(ENTITY_TABLES)

/** The declared version of the device's database (see {@link createDatabase}). */
export const DEVICE_SCHEMA_VERSION = 9

/** Opens the device's database. A name other than the default keeps tests apart. */
export function createDatabase(name = 'alumni'): AlumniDb {
  const db = new Dexie(name) as AlumniDb
  // One declaration of the whole schema, made from what each feature registers: Dexie 4 adds new tables
  // and indexes to an installed database by itself. Raise the version only for a data migration (an
  // .upgrade()) or to delete a table or an index; devices installed at versions 1–9 open this one as they
  // are (version 9 removed the `_scope` index of every synced table and two unused ones of `members`).
  db.version(DEVICE_SCHEMA_VERSION)
    .stores({
      ...syncedStores(),
      // Keyed by client id and mutation id: each person on a shared device numbers their own changes from 1.
      outbox: '[clientId+id], clientId, *keys',
      rejected: '++seq, id',
      meta: 'key',
    })
    .upgrade(async (tx) => {
      // Version 9's sparse `_runs` index: the entries stored before it that belong in it get it. Only a few are
      // written, but every entry is read once, on the first start after the update.
      await tx
        .table('members')
        .filter(runsTheNetwork)
        .modify((row: Record<string, unknown>, ref: { value: unknown }) => {
          ref.value = withMemberFields(row, row._scope as string)
        })
    })
  return db
}

export const db = createDatabase()
