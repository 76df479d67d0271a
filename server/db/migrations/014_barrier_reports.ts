import type { Kysely } from 'kysely'

/** Universell utforming on record: the barriers people report, for the site's staff to fix. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('barrier_report')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('page', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
    },
  }
}
