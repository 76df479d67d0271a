import type { Kysely } from 'kysely'

/** Member benefits on a network's page; sub-groups and the flags that mark one dormant. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('network')
        .addColumn('benefits', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute()
      await db.schema
        .createTable('network_group')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('network_id', 'text', (c) => c.notNull().references('network.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('started_by', 'text', (c) => c.notNull())
        .addColumn('contact_name', 'text')
        // Who started it (may reopen it); null after erasure.
        .addColumn('created_by_id', 'text', (c) => c.references('person.id').onDelete('set null'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('dormant_flags', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('network_group_network').on('network_group').column('network_id').execute()
      // One flag per member and group: flagging twice counts once.
      await db.schema
        .createTable('group_flag')
        .addColumn('group_id', 'text', (c) => c.notNull().references('network_group.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('flagged_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_flag_pk', ['group_id', 'person_id'])
        .execute()
    },
  }
}
