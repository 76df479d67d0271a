import type { Kysely } from 'kysely'
import { createQueueTable } from './queueTable.ts'

/** Door check-in as appended scans (corrected time, method), feedback from those who came, events' programmes, and the queue of notices about events. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      // The scan's time on the server's clock: the order in which duplicates are decided.
      await db.schema
        .alterTable('check_in')
        .addColumn('corrected_at', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      await db.schema
        .alterTable('check_in')
        .addColumn('method', 'text', (c) => c.notNull().defaultTo('scan'))
        .execute()
      await db.schema
        .createIndex('check_in_registration')
        .on('check_in')
        .columns(['registration_id', 'corrected_at'])
        .execute()
      await db.schema.createIndex('check_in_event').on('check_in').column('event_id').execute()
      await db.schema
        .alterTable('event')
        .addColumn('programme', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute()
      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('event.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      // Notices to people about their events (a place from the waitlist, a cancellation, a cohort invitation),
      // written in the transaction that caused them and sent afterwards, so a rollback sends nothing.
      await createQueueTable(db, 'notice', (t) =>
        t
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
          .addColumn('event_id', 'text', (c) => c.notNull().references('event.id'))
          .addColumn('kind', 'text', (c) => c.notNull()),
      )
      await db.schema
        .createIndex('notice_person_event_kind')
        .on('notice')
        .columns(['person_id', 'event_id', 'kind'])
        .execute()
      await db.schema
        .createIndex('feedback_event_person')
        .on('feedback')
        .columns(['event_id', 'person_id'])
        .unique()
        .execute()
    },
  }
}
