import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

type Reader = Kysely<Database>

/** The person's active role in a network, or null. */
export async function networkRoleOf(
  db: Reader,
  personId: string,
  networkId: string,
): Promise<'member' | 'board' | 'admin' | null> {
  const row = await db
    .selectFrom('membership')
    .select('role')
    .where('networkId', '=', networkId)
    .where('personId', '=', personId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return (row?.role as 'member' | 'board' | 'admin' | undefined) ?? null
}

/** Whether the person is a coordinator of the faculty the network belongs to. */
export async function coordinatesNetwork(db: Reader, personId: string, networkId: string): Promise<boolean> {
  const row = await db
    .selectFrom('facultyRole')
    .innerJoin('network', 'network.facultyId', 'facultyRole.facultyId')
    .select('facultyRole.role')
    .where('network.id', '=', networkId)
    .where('facultyRole.personId', '=', personId)
    .executeTakeFirst()
  return row !== undefined
}

export async function isSiteAdmin(db: Reader, personId: string): Promise<boolean> {
  const row = await db.selectFrom('person').select('isSiteAdmin').where('id', '=', personId).executeTakeFirst()
  return row?.isSiteAdmin === 1
}

/**
 * Whether the person runs the network: its staff (admin), its board, a
 * coordinator of its faculty, or a site admin. They edit its page and decide
 * who joins. Checked on the server for every such change.
 */
export async function canManageNetwork(db: Reader, personId: string, networkId: string): Promise<boolean> {
  const role = await networkRoleOf(db, personId, networkId)
  if (role === 'admin' || role === 'board') return true
  return (await coordinatesNetwork(db, personId, networkId)) || (await isSiteAdmin(db, personId))
}

/**
 * Whether the person works for the institution in the app (the alumni office,
 * the registrar: an institution role), or is a site admin. They import the
 * institution's graduate lists.
 */
export async function isInstitutionStaff(db: Reader, personId: string, institutionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('institutionRole')
    .select('role')
    .where('institutionId', '=', institutionId)
    .where('personId', '=', personId)
    .executeTakeFirst()
  return row !== undefined || (await isSiteAdmin(db, personId))
}
