import type { Db } from '../../db/schema.ts'
import type { PersonTable } from '../../db/personTables.ts'
import { toProfile } from '../profile/rows.ts'
import { PERSON_DATA, PERSON_TABLES } from './personData.ts'

/** Sets `value` at a dotted path of `target` ("signIn.sessions"). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>
  node[parts.at(-1)!] = value
}

/** The rows of one person table as its rule asks for them (see {@link PERSON_DATA}). */
async function exportedRows(db: Db, table: PersonTable, personId: string): Promise<unknown[] | undefined> {
  const rule = PERSON_DATA[table]
  if (!('columns' in rule)) return undefined
  // The rule's columns are checked against the table by PersonDataRule; Kysely cannot follow a union of tables.
  const query = db.selectFrom(table as 'education').where('personId', '=', personId)
  return rule.columns === 'all'
    ? query.selectAll().execute()
    : query.select(rule.columns as readonly 'personId'[]).execute()
}

/**
 * Everything the service holds about a person, as JSON (GDPR art. 15 and 20):
 * the profile, every table with a person column (each feature says where in
 * {@link PERSON_DATA}), and the rows that name them otherwise: check-ins of
 * their registrations, invitations and walk-ins under their address, and the
 * audit entries about them.
 */
export async function exportPersonData(
  db: Db,
  personId: string,
): Promise<{ exportedAt: string } & Record<string, unknown>> {
  const person = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
  const data: { exportedAt: string } & Record<string, unknown> = {
    exportedAt: new Date().toISOString(),
    profile: {
      ...toProfile(person),
      locale: person.locale,
      createdAt: person.createdAt,
      photoJpegBase64: person.photoJpeg,
    },
  }
  for (const table of PERSON_TABLES) {
    const rows = await exportedRows(db, table, personId)
    const rule = PERSON_DATA[table]
    if (rows && 'exportAs' in rule) setPath(data, rule.exportAs, rows)
  }
  data.memberships = await db
    .selectFrom('membership')
    .innerJoin('network', 'network.id', 'membership.networkId')
    .select([
      'membership.networkId',
      'network.name as networkName',
      'membership.status',
      'membership.role',
      'membership.since',
      'membership.source',
      'membership.lawfulBasis',
      'membership.basisExpiresAt',
    ])
    .where('membership.personId', '=', personId)
    .execute()
  data.notificationSettings =
    (await db
      .selectFrom('notificationSettings')
      .select(['networks', 'quietHours', 'updatedAt'])
      .where('personId', '=', personId)
      .executeTakeFirst()) ?? null
  const registrationIds = (data.registrations as { id: string }[]).map((r) => r.id)
  data.checkIns = registrationIds.length
    ? await db
        .selectFrom('checkIn')
        .select(['eventId', 'scannedAt', 'correctedAt', 'method', 'verdict'])
        .where('registrationId', 'in', registrationIds)
        .execute()
    : []
  data.invitations = await db
    .selectFrom('invitation')
    .innerJoin('network', 'network.id', 'invitation.networkId')
    .select(['network.name as networkName', 'invitation.status', 'invitation.createdAt'])
    .where('invitation.email', '=', person.email)
    .execute()
  data.walkInsUnderYourAddress = await db
    .selectFrom('walkIn')
    .select(['eventId', 'name', 'createdAt', 'decidedAt', 'decision'])
    .where('email', '=', person.email)
    .execute()
  data.auditEntriesAboutYou = await db
    .selectFrom('auditLog')
    .select(['at', 'action', 'networkId'])
    .where('subjectId', '=', personId)
    .execute()
  return data
}
