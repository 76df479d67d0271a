import { sql, type Kysely } from 'kysely'
import type { DatabaseKind } from '../schema.ts'

/**
 * What an outside probe found (issue "Hardened"): the demo is marked in the
 * database it seeded, so the password-less demo routes never open on a real
 * one; mutation ids are 64-bit on PostgreSQL as the protocol allows 2^53 - 1.
 */
export function hardeningMigration(kind: DatabaseKind) {
  return {
    async up(db: Kysely<unknown>) {
      // A database the demo seed filled before the marker existed: only the seed writes source 'seed'.
      await sql`insert into meta (key, value)
        select 'demo_seeded', 'true' where exists (select 1 from membership where source = 'seed')`.execute(db)
      // Handled changes are pruned by age.
      await sql`create index sync_mutation_handled_at on sync_mutation (handled_at)`.execute(db)
      if (kind === 'postgres') {
        await sql`alter table sync_mutation alter column mutation_id type bigint`.execute(db)
        await sql`alter table sync_client alter column last_mutation_id type bigint`.execute(db)
      }
    },
  }
}
