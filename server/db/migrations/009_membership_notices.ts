import type { Kysely } from 'kysely'
import { createQueueTable } from './queueTable.ts'

/** The queue of mails about a person's membership: a join request approved or declined. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await createQueueTable(db, 'membership_notice', (t) =>
        t
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
          .addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
          .addColumn('kind', 'text', (c) => c.notNull()),
      )
    },
  }
}
