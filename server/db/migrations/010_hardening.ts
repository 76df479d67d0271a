import { sql, type Kysely } from 'kysely'
import type { DatabaseKind } from '../schema.ts'

/**
 * What an outside probe found (issue "Hardened"): the demo is marked in the
 * database it seeded, so the password-less demo routes never open on a real
 * one; mutation ids are 64-bit on PostgreSQL as the protocol allows 2^53 - 1.
 */
export function migration(kind: DatabaseKind) {
  return {
    async up(db: Kysely<unknown>) {
      // A database the demo seed filled before the marker existed: only the seed writes source 'seed'.
      await sql`insert into meta (key, value)
        select 'demo_seeded', 'true' where exists (select 1 from membership where source = 'seed')`.execute(db)
      // A walk-in is a guest entry under the name staff typed, until the person with that address says it was them.
      await db.schema
        .alterTable('person')
        .addColumn('is_guest', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      await db.schema
        .createTable('walk_in')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
        .addColumn('guest_person_id', 'text', (c) => c.references('person.id').onDelete('set null'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decision', 'text')
        .execute()
      await db.schema.createIndex('walk_in_email').on('walk_in').columns(['email', 'decided_at']).execute()
      // Handled changes are pruned by age.
      await sql`create index sync_mutation_handled_at on sync_mutation (handled_at)`.execute(db)
      if (kind === 'postgres') {
        await sql`alter table sync_mutation alter column mutation_id type bigint`.execute(db)
        await sql`alter table sync_client alter column last_mutation_id type bigint`.execute(db)
      }
    },
  }
}
