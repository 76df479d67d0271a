import type { Kysely } from 'kysely'
import { createQueueTable } from './queueTable.ts'

/** Newsletters: issues, their deliveries by mail (a queue), opens in the app, who opted out per network, and students who subscribed before graduating. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('newsletter')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('blocks', 'text', (c) => c.notNull())
        .addColumn('include_events', 'integer', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', 'text')
        .addColumn('sent_at', 'text')
        .addColumn('events', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('newsletter_due').on('newsletter').columns(['status', 'scheduled_at']).execute()
      await createQueueTable(db, 'newsletter_delivery', (t) =>
        t
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('newsletter_id', 'text', (c) => c.notNull().references('newsletter.id'))
          .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
          // The secret in the mail's one-click unsubscribe address (a hash: a database leak does not unsubscribe anyone).
          .addColumn('unsubscribe_hash', 'text', (c) => c.notNull().unique()),
      )
      await db.schema
        .createIndex('newsletter_delivery_newsletter')
        .on('newsletter_delivery')
        .column('newsletter_id')
        .execute()
      await db.schema
        .createTable('newsletter_open')
        .addColumn('newsletter_id', 'text', (c) => c.notNull().references('newsletter.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('newsletter_open_pk', ['newsletter_id', 'person_id'])
        .execute()
      await db.schema
        .createTable('newsletter_optout')
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('newsletter_optout_pk', ['person_id', 'network_id'])
        .execute()
      // Members who follow a sub-group: a newsletter can go to the group.
      await db.schema
        .createTable('group_follower')
        .addColumn('group_id', 'text', (c) => c.notNull().references('network_group.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_follower_pk', ['group_id', 'person_id'])
        .execute()
      // Those who get a network's newsletter without being members: students before they graduate (TF).
      await db.schema
        .createTable('newsletter_subscriber')
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('newsletter_subscriber_pk', ['person_id', 'network_id'])
        .execute()
    },
  }
}
