import type { Kysely } from 'kysely'
import { createQueueTable } from './queueTable.ts'

/** Web Push: the server's VAPID keys, each device's subscription, members' choices, and the queue of messages. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('push_key')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('push_subscription')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('endpoint', 'text', (c) => c.notNull().unique())
        .addColumn('p256dh', 'text', (c) => c.notNull())
        .addColumn('auth', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_success_at', 'text')
        .execute()
      await db.schema.createIndex('push_subscription_person').on('push_subscription').column('person_id').execute()
      await db.schema
        .createTable('notification_settings')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('person.id').onDelete('cascade'))
        .addColumn('networks', 'text', (c) => c.notNull())
        .addColumn('quiet_hours', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await createQueueTable(db, 'push_message', (t) =>
        t
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('subscription_id', 'text', (c) =>
            c.notNull().references('push_subscription.id').onDelete('cascade'),
          )
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('urgency', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull()),
      )
      // The day-before reminder is sent once per event.
      await db.schema.alterTable('event').addColumn('reminded_at', 'text').execute()
    },
  }
}
