import type { Kysely } from 'kysely'

/** Registration rules on events (window, audience, price, questions, counts) and answers on registrations. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('event')
        .addColumn('audience', 'text', (c) => c.notNull().defaultTo('members'))
        .execute()
      await db.schema.alterTable('event').addColumn('registration_opens_at', 'text').execute()
      await db.schema.alterTable('event').addColumn('registration_closes_at', 'text').execute()
      await db.schema
        .alterTable('event')
        .addColumn('price_text', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      await db.schema
        .alterTable('event')
        .addColumn('questions', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute()
      await db.schema
        .alterTable('event')
        .addColumn('registered_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      await db.schema
        .alterTable('event')
        .addColumn('waitlist_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      await db.schema
        .alterTable('registration')
        .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute()
      await db.schema.alterTable('registration').addColumn('promoted_at', 'text').execute()
      // Bumped whenever a registration is cancelled or made again: a ticket with an older serial is revoked.
      await db.schema
        .alterTable('registration')
        .addColumn('ticket_serial', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      // The ticket's own random id: the QR code never carries the person's id.
      await db.schema.alterTable('registration').addColumn('ticket_id', 'text').execute()
      await db.schema.createIndex('registration_ticket').on('registration').column('ticket_id').unique().execute()
      await db.schema
        .createIndex('registration_event_status')
        .on('registration')
        .columns(['event_id', 'status', 'created_at'])
        .execute()
      // The secret in a person's calendar feed address (webcal): a hash, so a database leak does not leak feeds.
      await db.schema.alterTable('person').addColumn('calendar_token_hash', 'text').execute()
      await db.schema.createIndex('registration_person').on('registration').column('person_id').execute()
    },
  }
}
