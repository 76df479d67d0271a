import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration'
import type { Db, DatabaseKind } from './schema.ts'
import { initialMigration } from './migrations/001_initial.ts'
import { accountsMigration } from './migrations/002_accounts.ts'
import { groupsMigration } from './migrations/003_groups.ts'
import { signingKeysMigration } from './migrations/004_signing_keys.ts'
import { registrationMigration } from './migrations/005_registration.ts'
import { checkInMigration } from './migrations/006_check_in.ts'
import { pushMigration } from './migrations/007_push.ts'
import { newslettersMigration } from './migrations/008_newsletters.ts'
import { membershipNoticesMigration } from './migrations/009_membership_notices.ts'
import { hardeningMigration } from './migrations/010_hardening.ts'

/** Migrations in order. The same list runs on SQLite and PostgreSQL. */
function migrationsFor(kind: DatabaseKind): Record<string, Migration> {
  return {
    '001_initial': initialMigration(kind),
    '002_accounts': accountsMigration(kind),
    '003_groups': groupsMigration(),
    '004_signing_keys': signingKeysMigration(),
    '005_registration': registrationMigration(),
    '006_check_in': checkInMigration(),
    '007_push': pushMigration(),
    '008_newsletters': newslettersMigration(),
    '009_membership_notices': membershipNoticesMigration(),
    '010_hardening': hardeningMigration(kind),
  }
}

/** The schema version a fully migrated database has: the number of migrations. */
export const SCHEMA_VERSION = Object.keys(migrationsFor('sqlite')).length

/** Brings the database up to date; throws if a migration fails. */
export async function migrateToLatest(db: Db, kind: DatabaseKind): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(kind) }
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed`, { cause: error })
}
