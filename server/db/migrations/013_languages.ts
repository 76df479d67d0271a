import type { Kysely } from 'kysely'

/** Nynorsk beside bokmål: the language a sign-in was asked in becomes the person's, for their mails and pushes. */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('sign_in_challenge')
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('nb'))
        .execute()
    },
  }
}
