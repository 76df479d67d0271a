import { claimGraduateRecords } from '../graduates/importGraduates.ts'
import { randomUUID } from 'node:crypto'
import type { ChangeTx } from '../../sync/changeLog.ts'
import { userScope } from '../../../shared/sync/scopes.ts'
import { toProfile } from './rows.ts'

/**
 * Makes a person's account in an open transaction, with nothing shown to
 * others (every directory field hidden) and their own profile sent to their
 * devices. The name defaults to one guessed from the address.
 */
export async function createPerson(tx: ChangeTx, email: string, name?: string): Promise<string> {
  const { trx } = tx
  const now = new Date().toISOString()
  const id = `p-${randomUUID()}`
  const guessed = email
    .split('@')[0]!
    .replace(/[._-]+/g, ' ')
    .replace(/\b\w/g, (c) => c.toUpperCase())
  await trx
    .insertInto('person')
    .values({
      id,
      email,
      name: name ?? guessed,
      graduationYear: null,
      programme: null,
      employer: null,
      title: null,
      city: null,
      linkedinUrl: null,
      bio: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute()
  const row = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  await tx.changes.put('profile', id, { [userScope(id)]: toProfile(row) })
  await claimGraduateRecords(tx, id, email, now)
  return id
}
