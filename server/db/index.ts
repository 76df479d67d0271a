import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import type { Database, Db, DatabaseKind } from './schema.ts'

// int8 (bigserial sequence numbers, count(*)) as numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10))

// Which dialect each open database speaks, so code holding only the database (or a transaction
// begun on it through `inChangeTransaction`) need not carry the kind around.
const KINDS = new WeakMap<Db, DatabaseKind>()

/** The dialect of a database opened by `openDatabase`. */
export function databaseKindOf(db: Db): DatabaseKind {
  const kind = KINDS.get(db)
  if (!kind) throw new Error('This database was not opened by openDatabase')
  return kind
}

export interface OpenDatabase {
  db: Db
  kind: DatabaseKind
  close: () => Promise<void>
}

/**
 * Opens PostgreSQL when `databaseUrl` is given, else the SQLite file (created
 * with its folder on first use). Both speak through the same Kysely queries.
 *
 * @example const { db, kind } = openDatabase({ databaseUrl: null, sqliteFile: 'data/a.sqlite' })
 */
export function openDatabase(options: { databaseUrl: string | null; sqliteFile: string }): OpenDatabase {
  const plugins = [new CamelCasePlugin()]
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    // An idle connection the server closed (a restart, a failover) must not crash the process:
    // the pool drops it and opens a new one on the next query.
    pool.on('error', () => {})
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins })
    KINDS.set(db, 'postgres')
    return { db, kind: 'postgres', close: () => db.destroy() }
  }
  if (options.sqliteFile !== ':memory:') mkdirSync(dirname(options.sqliteFile), { recursive: true })
  const sqlite = new SQLite(options.sqliteFile)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins })
  KINDS.set(db, 'sqlite')
  return { db, kind: 'sqlite', close: () => db.destroy() }
}
