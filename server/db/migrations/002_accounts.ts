import { sql, type Kysely } from 'kysely'
import type { DatabaseKind } from '../schema.ts'

/** Accounts, sign-in, roles, education, invitations, privacy and GDPR records. */
export function migration(kind: DatabaseKind) {
  const autoId = kind === 'postgres' ? 'bigserial' : 'integer'
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('person')
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('nb'))
        .execute()
      await db.schema
        .alterTable('person')
        .addColumn('is_site_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      // Who may see each profile field: {"employer": "network", ...}; a field not listed is hidden.
      await db.schema
        .alterTable('person')
        .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute()
      // "I can help with": mentoring, guest lectures, internships (JSON array).
      await db.schema
        .alterTable('person')
        .addColumn('help_with', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute()
      // A small JPEG (base64) and its version: the version syncs, the image is fetched on its own.
      await db.schema.alterTable('person').addColumn('photo_jpeg', 'text').execute()
      await db.schema.alterTable('person').addColumn('photo', 'integer').execute()
      await db.schema
        .alterTable('membership')
        .addColumn('lawful_basis', 'text', (c) => c.notNull().defaultTo('consent'))
        .execute()
      await db.schema.alterTable('membership').addColumn('basis_expires_at', 'text').execute()

      await db.schema
        .createTable('sign_in_challenge')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('invitation_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute()
      await db.schema
        .createTable('rate_limit')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limit_pk', ['key', 'window_start'])
        .execute()
      await db.schema
        .createTable('passkey')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('counter', 'integer', (c) => c.notNull())
        .addColumn('transports', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .execute()
      await db.schema
        .createTable('webauthn_challenge')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text')
        .addColumn('challenge', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('mailbox')
        .addColumn('id', autoId, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('faculty_role')
        .addColumn('faculty_id', 'text', (c) => c.notNull().references('faculty.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('faculty_role_pk', ['faculty_id', 'person_id'])
        .execute()
      await db.schema
        .createTable('education')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('institution_id', 'text', (c) => c.notNull())
        .addColumn('programme', 'text', (c) => c.notNull())
        .addColumn('degree', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('graduation_year', 'integer')
        .addColumn('credits', 'integer', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('invitation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('network_id', 'text', (c) => c.notNull().references('network.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('invited_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_sent_at', 'text')
        .addColumn('send_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('invitation_network_email', ['network_id', 'email'])
        .execute()
      await db.schema
        .createTable('consent')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('text_version', 'text', (c) => c.notNull())
        .addColumn('given_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .execute()
      await db.schema
        .createTable('audit_log')
        .addColumn('id', autoId, (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text')
        .addColumn('network_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute()
      await sql`select 1`.execute(db)
    },
  }
}
