import type { Kysely } from 'kysely'

/**
 * Who is an alum rests on evidence (issue "Who is an alum"): every education
 * row says where it comes from (every row before this was the person's own
 * claim), institutions have staff of their own (the alumni office, the
 * registrar), and the graduate lists they import are kept as the register
 * sent them, matched to accounts or not yet. A national id number is kept
 * only as a keyed hash and never leaves the server.
 */
export function migration() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('education')
        .addColumn('source', 'text', (c) => c.notNull().defaultTo('self'))
        .execute()
      await db.schema.alterTable('education').addColumn('verified_at', 'text').execute()
      await db.schema.alterTable('education').addColumn('verified_by', 'text').execute()
      await db.schema.alterTable('education').addColumn('graduated_on', 'text').execute()
      await db.schema
        .createTable('institution_role')
        .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('institution_role_pk', ['institution_id', 'person_id'])
        .execute()
      await db.schema
        .createTable('graduate_record')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('institution_id', 'text', (c) => c.notNull().references('institution.id'))
        .addColumn('student_number', 'text', (c) => c.notNull())
        .addColumn('national_id_hash', 'text')
        .addColumn('email', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('programme_code', 'text')
        .addColumn('programme', 'text', (c) => c.notNull())
        .addColumn('degree', 'text', (c) => c.notNull())
        .addColumn('graduated_on', 'text')
        .addColumn('graduation_year', 'integer')
        .addColumn('credits', 'integer', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.references('person.id').onDelete('set null'))
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('graduate_record_student', ['institution_id', 'student_number'])
        .execute()
      await db.schema.createIndex('graduate_record_email').on('graduate_record').column('email').execute()
      await db.schema
        .createIndex('graduate_record_national_id')
        .on('graduate_record')
        .column('national_id_hash')
        .execute()
      await db.schema.createIndex('graduate_record_person').on('graduate_record').column('person_id').execute()
    },
  }
}
