import { execFile } from 'node:child_process'
import { copyFileSync, rmSync } from 'node:fs'
import { promisify } from 'node:util'
import SQLite from 'better-sqlite3'
import { openDatabase } from './index.ts'
import { migrateToLatest } from './migrate.ts'
import { renewSyncEpoch } from '../sync/epoch.ts'

const run = promisify(execFile)

export interface DatabaseLocation {
  databaseUrl: string | null
  sqliteFile: string
}

/**
 * Copies the database to `target` while the app keeps running: SQLite's
 * online backup (a consistent copy page by page, writers carry on), or
 * `pg_dump` in its custom format (one consistent snapshot) on PostgreSQL.
 */
export async function backupDatabase(from: DatabaseLocation, target: string): Promise<void> {
  if (from.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, `--dbname=${from.databaseUrl}`])
    return
  }
  const db = new SQLite(from.sqliteFile, { fileMustExist: true })
  try {
    await db.backup(target)
  } finally {
    db.close()
  }
}

/**
 * Replaces the database with a backup, with the servers stopped: the file put
 * in place (its old journal removed) or `pg_restore --clean` into the
 * database. Then migrations a newer app needs, and a new sync epoch, so every
 * phone starts its copy over instead of keeping what the backup lost.
 */
export async function restoreDatabase(to: DatabaseLocation, source: string): Promise<void> {
  if (to.databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${to.databaseUrl}`, source])
  } else {
    for (const journal of ['-wal', '-shm']) rmSync(`${to.sqliteFile}${journal}`, { force: true })
    copyFileSync(source, to.sqliteFile)
  }
  const { db, kind, close } = openDatabase(to)
  try {
    await migrateToLatest(db, kind)
    await renewSyncEpoch(db)
  } finally {
    await close()
  }
}
