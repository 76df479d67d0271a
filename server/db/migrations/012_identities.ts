import type { Kysely } from 'kysely'

/**
 * Sign-in with Feide and ID-porten: an account is linked to a provider's
 * subject (never to an e-mail address), and each sign-in in flight keeps its
 * state, nonce and PKCE verifier on the server until the provider answers.
 */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('identity')
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('national_id_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('identity_pk', ['provider', 'subject'])
        .execute()
      await db.schema.createIndex('identity_person').on('identity').column('person_id').execute()
      await db.schema.createIndex('identity_national_id').on('identity').column('national_id_hash').execute()
      await db.schema
        .createTable('oidc_flow')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('return_to', 'text', (c) => c.notNull())
        .addColumn('link_person_id', 'text', (c) => c.references('person.id').onDelete('cascade'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute()
    },
  }
}
