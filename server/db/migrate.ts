import { readdirSync } from 'node:fs'
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration'
import type { Db, DatabaseKind } from './schema.ts'

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url)

/**
 * The migration files in order: `NNN_name.ts` in `migrations/`, each
 * exporting `migration(kind)`. A new file is picked up by itself, so none
 * can be written and then forgotten in a list. The same files run on SQLite
 * and PostgreSQL.
 */
const MIGRATION_FILES = readdirSync(MIGRATIONS_DIR)
  .filter((name) => /^\d{3}_\w+\.ts$/.test(name))
  .sort()

/** The schema version a fully migrated database has: the number of migrations. */
export const SCHEMA_VERSION = MIGRATION_FILES.length

async function migrationsFor(kind: DatabaseKind): Promise<Record<string, Migration>> {
  const entries = await Promise.all(
    MIGRATION_FILES.map(async (name) => {
      const module = (await import(new URL(name, MIGRATIONS_DIR).href)) as {
        migration: (kind: DatabaseKind) => Migration
      }
      return [name.replace(/\.ts$/, ''), module.migration(kind)] as const
    }),
  )
  return Object.fromEntries(entries)
}

/** Brings the database up to date; throws if a migration fails. */
export async function migrateToLatest(db: Db, kind: DatabaseKind): Promise<void> {
  const provider: MigrationProvider = { getMigrations: () => migrationsFor(kind) }
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed`, { cause: error })
}
