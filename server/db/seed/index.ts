import type { Db, DatabaseKind } from '../schema.ts'
import type { Membership, Profile } from '../../../shared/schemas/person.ts'
import { PUBLIC_SCOPE, userScope } from '../../../shared/sync/scopes.ts'
import { recordNewRows } from '../../sync/changeLog.ts'
import { forgetChangeLog } from '../../sync/pull.ts'
import { fromNetwork } from '../../features/networks/rows.ts'
import { boardSeats, demoAccounts, demoEvents, faculties, institutions, networks } from './demoNetworks.ts'

export interface SeedSummary { networks: number, members: number, events: number }

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500))
}

/**
 * Loads the demo into an empty database, through the change log like any
 * other write, so devices sync it like real data. Does nothing when networks
 * exist already. Returns what it loaded, or null.
 */
export async function seedIfEmpty(db: Db, kind: DatabaseKind, options: { members: number }): Promise<SeedSummary | null> {
  const existing = await db.selectFrom('network').select('id').limit(1).execute()
  if (existing.length > 0) return null
  const now = new Date()
  const nowIso = now.toISOString()
  // Loaded lazily: faker's locale data is large and only needed once.
  const { syntheticAlumni } = await import('./syntheticAlumni.ts')
  const { profiles, memberships } = syntheticAlumni(options.members, nowIso)
  for (const account of demoAccounts) {
    profiles.push({ id: account.id, email: account.email, name: account.name, graduationYear: account.graduationYear, programme: account.programme, employer: null, title: null, city: 'Oslo', linkedinUrl: null, bio: null, updatedAt: nowIso })
    memberships.push({ id: `m-${account.id}`, networkId: account.networkId, personId: account.id, status: 'active', role: account.role, since: nowIso, source: 'seed' })
  }
  const events = demoEvents(now)

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('institution').values(institutions).execute()
    await trx.insertInto('faculty').values(faculties).execute()
    await trx.insertInto('network').values(networks.map(fromNetwork)).execute()
    await trx.insertInto('boardSeat').values(boardSeats).execute()
    await trx.insertInto('event').values(events).execute()
    await insertChunked(profiles, (chunk) => trx.insertInto('person').values(chunk.map((p: Profile) => ({ ...p, createdAt: nowIso }))).execute())
    await insertChunked(memberships, (chunk) => trx.insertInto('membership').values(chunk).execute())
    await recordNewRows(trx, kind, [
      ...institutions.map((r) => ({ entity: 'institution' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...faculties.map((r) => ({ entity: 'faculty' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...networks.map((r) => ({ entity: 'network' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...boardSeats.map((r) => ({ entity: 'boardSeat' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...events.filter((e) => e.status !== 'draft').map((r) => ({ entity: 'event' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...profiles.map((r) => ({ entity: 'profile' as const, rowId: r.id, views: { [userScope(r.id)]: r } })),
      ...memberships.map((r: Membership) => ({ entity: 'membership' as const, rowId: r.id, views: { [userScope(r.personId)]: r } })),
    ])
  })
  return { networks: networks.length, members: profiles.length, events: events.length }
}

/** Empties every data table (for `npm run seed`), keeping the schema. */
export async function clearAllData(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await forgetChangeLog(trx)
    for (const table of ['checkIn', 'registration', 'event', 'membership', 'session', 'boardSeat', 'network', 'faculty', 'institution', 'person', 'syncMutation', 'syncClient'] as const) {
      await trx.deleteFrom(table).execute()
    }
  })
}
