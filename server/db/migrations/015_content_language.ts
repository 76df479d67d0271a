import type { Kysely } from 'kysely'

/**
 * Staff texts carry the language they are written in (bokmål, nynorsk,
 * English): pages declare it for screen readers and hyphenation, and a
 * network can see its share of each written standard. Existing texts were
 * all written in bokmål.
 */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ['network', 'event', 'newsletter']) {
        await db.schema
          .alterTable(table)
          .addColumn('language', 'text', (c) => c.notNull().defaultTo('nb'))
          .execute()
      }
    },
  }
}
