import type { Kysely } from 'kysely'

/** The server's Ed25519 signing keys (member cards now, tickets later); the newest signs. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('signing_key')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
    },
  }
}
