import type { CreateTableBuilder, Kysely } from 'kysely'

/**
 * Creates a queue table: its own columns, then what every queue has (when it
 * was queued, when it may go, tries, when it went, the last error) and the
 * index workers claim due rows by (see `server/lib/queue.ts`). Shared by the
 * migrations that make queues, so the queues stay one shape; a later change
 * to a queue's shape needs a new migration, never an edit here.
 */
export async function createQueueTable(
  db: Kysely<unknown>,
  name: string,
  columns: (table: CreateTableBuilder<string>) => CreateTableBuilder<string>,
): Promise<void> {
  await columns(db.schema.createTable(name))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('send_after', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute()
  await db.schema.createIndex(`${name}_due`).on(name).columns(['sent_at', 'send_after']).execute()
}
