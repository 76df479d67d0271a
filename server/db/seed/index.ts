import { readdirSync, readFileSync } from 'node:fs'
import { importGraduates } from '../../features/graduates/importGraduates.ts'
import type { Db, DatabaseKind } from '../schema.ts'
import type { Membership, Profile } from '../../../shared/schemas/person.ts'
import { PUBLIC_SCOPE, userScope } from '../../../shared/sync/scopes.ts'
import { changeRecorder } from '../../sync/changeLog.ts'
import { forgetChangeLog } from '../../sync/pull.ts'
import { fromNetwork } from '../../features/networks/rows.ts'
import { fromEvent } from '../../features/events/rows.ts'
import { profileColumns } from '../../features/profile/rows.ts'
import { directoryViews } from '../../features/directory/entries.ts'
import type { Database } from '../schema.ts'
import type { Insertable } from 'kysely'
import {
  boardSeats,
  demoAccounts,
  demoGroups,
  demoApplicant,
  demoCoordinator,
  demoRegistrar,
  demoEvents,
  faculties,
  institutions,
  networks,
} from './demoNetworks.ts'
import type { Education } from '../../../shared/schemas/education.ts'
import type { JoinRequest } from '../../../shared/schemas/person.ts'
import { networkStaffScope } from '../../../shared/sync/scopes.ts'
import { labelledId } from './labelledId.ts'
import { membershipId } from '../../../shared/ids.ts'
import { DEMO_MARK } from '../demoMode.ts'

export interface SeedSummary {
  networks: number
  members: number
  events: number
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500))
}

/**
 * Loads the demo into an empty database, through the change log like any
 * other write, so devices sync it like real data. Does nothing when networks
 * exist already. Returns what it loaded, or null.
 */
export async function seedIfEmpty(
  db: Db,
  kind: DatabaseKind,
  options: { members: number },
): Promise<SeedSummary | null> {
  const existing = await db.selectFrom('network').select('id').limit(1).execute()
  if (existing.length > 0) return null
  const now = new Date()
  const nowIso = now.toISOString()
  // Loaded lazily: faker's locale data is large and only needed once.
  const { syntheticAlumni } = await import('./syntheticAlumni.ts')
  const { profiles, memberships } = syntheticAlumni(options.members, nowIso)
  for (const account of demoAccounts) {
    profiles.push({
      id: account.id,
      email: account.email,
      name: account.name,
      graduationYear: account.graduationYear,
      programme: account.programme,
      employer: null,
      title: null,
      city: 'Oslo',
      linkedinUrl: null,
      bio: null,
      helpWith: [],
      photo: null,
      visibility: {},
      updatedAt: nowIso,
    })
    memberships.push({
      id: membershipId(account.networkId, account.id),
      networkId: account.networkId,
      personId: account.id,
      status: 'active',
      role: account.role,
      since: nowIso,
      source: 'seed',
      lawfulBasis: 'consent',
      basisExpiresAt: null,
    })
  }
  const blankProfile = {
    graduationYear: null,
    programme: null,
    employer: null,
    title: null,
    city: 'Oslo',
    linkedinUrl: null,
    bio: null,
    helpWith: [],
    photo: null,
    visibility: {},
    updatedAt: nowIso,
  }
  profiles.push({ ...blankProfile, id: demoCoordinator.id, email: demoCoordinator.email, name: demoCoordinator.name })
  profiles.push({ ...blankProfile, id: demoRegistrar.id, email: demoRegistrar.email, name: demoRegistrar.name })
  profiles.push({
    ...blankProfile,
    id: demoApplicant.id,
    email: demoApplicant.email,
    name: demoApplicant.name,
    programme: demoApplicant.programme,
    graduationYear: 2024,
  })
  // The demo admin also runs SV's economists (who approve each request), where one request waits.
  memberships.push({
    id: membershipId(labelledId('net-sv-econ'), labelledId('p-demo-admin')),
    networkId: labelledId('net-sv-econ'),
    personId: labelledId('p-demo-admin'),
    status: 'active',
    role: 'admin',
    since: nowIso,
    source: 'seed',
    lawfulBasis: 'consent',
    basisExpiresAt: null,
  })
  const requestId = membershipId(demoApplicant.networkId, demoApplicant.id)
  memberships.push({
    id: requestId,
    networkId: demoApplicant.networkId,
    personId: demoApplicant.id,
    status: 'requested',
    role: 'member',
    since: nowIso,
    source: 'request',
    lawfulBasis: 'consent',
    basisExpiresAt: null,
  })
  // The demo's staff and alum are on UiO's graduate list (seed/graduates/uio.csv), imported below: verified.
  // The applicant has only their own word for their degree: staff see it as a claim.
  const educations: Education[] = [
    {
      id: labelledId(`e-${demoApplicant.id}`),
      personId: demoApplicant.id,
      institutionId: 'uio',
      programme: demoApplicant.programme,
      degree: 'master',
      status: 'graduated',
      graduationYear: 2024,
      credits: 120,
      // Only what the applicant says: staff see it as a claim on the request.
      source: 'self',
      verifiedAt: null,
      graduatedOn: null,
    },
  ]
  const joinRequest: JoinRequest = {
    id: requestId,
    networkId: demoApplicant.networkId,
    personId: demoApplicant.id,
    name: demoApplicant.name,
    email: null,
    educations: educations
      .filter((e) => e.personId === demoApplicant.id)
      .map(({ id, institutionId, programme, degree, status, graduationYear, source }) => ({
        id,
        institutionId,
        programme,
        degree,
        status,
        graduationYear,
        source,
      })),
    requestedAt: nowIso,
  }
  const events = demoEvents(now)
  const membershipsByPerson = new Map<string, Membership[]>()
  for (const m of memberships)
    if (m.status === 'active') membershipsByPerson.set(m.personId, [...(membershipsByPerson.get(m.personId) ?? []), m])

  await db.transaction().execute(async (trx) => {
    // The mark that opens the demo's password-less sign-in (see server/db/demoMode.ts): only on a database the seed made.
    await trx
      .insertInto('meta')
      .values({ key: DEMO_MARK, value: 'true' })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    await trx.insertInto('institution').values(institutions).execute()
    await trx.insertInto('faculty').values(faculties).execute()
    await trx.insertInto('network').values(networks.map(fromNetwork)).execute()
    await trx.insertInto('boardSeat').values(boardSeats).execute()
    const groups = demoGroups(nowIso)
    await trx
      .insertInto('networkGroup')
      .values(groups.map((g) => ({ ...g, createdById: null })))
      .execute()
    await trx.insertInto('event').values(events.map(fromEvent)).execute()
    await insertChunked(profiles, (chunk) =>
      trx
        .insertInto('person')
        .values(
          chunk.map((p: Profile) => ({ ...profileColumns(p), createdAt: nowIso }) as Insertable<Database['person']>),
        )
        .execute(),
    )
    await insertChunked(memberships, (chunk) => trx.insertInto('membership').values(chunk).execute())
    await trx.insertInto('education').values(educations).execute()
    await trx
      .insertInto('facultyRole')
      .values({ facultyId: demoCoordinator.facultyId, personId: demoCoordinator.id, role: 'coordinator' })
      .execute()
    await trx
      .insertInto('institutionRole')
      .values(
        demoRegistrar.institutionIds.map((institutionId) => ({
          institutionId,
          personId: demoRegistrar.id,
          role: 'registrar',
        })),
      )
      .execute()
    await changeRecorder(trx, kind).putNew([
      ...institutions.map((r) => ({ entity: 'institution' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...faculties.map((r) => ({ entity: 'faculty' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...networks.map((r) => ({ entity: 'network' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...boardSeats.map((r) => ({ entity: 'boardSeat' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...demoGroups(nowIso).map((r) => ({ entity: 'group' as const, rowId: r.id, views: { [PUBLIC_SCOPE]: r } })),
      ...events.map((r) => ({
        entity: 'event' as const,
        rowId: r.id,
        views: { [r.status === 'draft' ? networkStaffScope(r.networkId) : PUBLIC_SCOPE]: r },
      })),
      ...profiles.map((r) => ({ entity: 'profile' as const, rowId: r.id, views: { [userScope(r.id)]: r } })),
      ...memberships.map((r: Membership) => ({
        entity: 'membership' as const,
        rowId: r.id,
        views: { [userScope(r.personId)]: r },
      })),
      ...educations.map((r) => ({ entity: 'education' as const, rowId: r.id, views: { [userScope(r.personId)]: r } })),
      {
        entity: 'joinRequest' as const,
        rowId: joinRequest.id,
        views: { [networkStaffScope(joinRequest.networkId)]: joinRequest },
      },
      ...profiles.map((p) => ({
        entity: 'member' as const,
        rowId: p.id,
        views: directoryViews(p, membershipsByPerson.get(p.id) ?? []),
      })),
    ])
  })
  // As a registry would: each sample list through the import, so its graduates are verified (and NTNU's join).
  for (const file of readdirSync(GRADUATE_LISTS)
    .filter((name) => name.endsWith('.csv'))
    .sort())
    await importGraduates(db, file.replace(/\.csv$/, ''), readFileSync(new URL(file, GRADUATE_LISTS), 'utf8'), {
      dryRun: false,
      now,
    })
  return { networks: networks.length, members: profiles.length, events: events.length }
}

/** The demo's sample graduate lists, one per institution, named by its id. */
const GRADUATE_LISTS = new URL('./graduates/', import.meta.url)

/** Empties every data table (for `npm run seed`), keeping the schema. */
export async function clearAllData(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await forgetChangeLog(trx)
    for (const table of [
      'groupFlag',
      'networkGroup',
      'checkIn',
      'feedback',
      'notice',
      'membershipNotice',
      'newsletterOpen',
      'newsletterDelivery',
      'newsletterOptout',
      'newsletterSubscriber',
      'newsletter',
      'groupFollower',
      'pushMessage',
      'pushSubscription',
      'notificationSettings',
      'registration',
      'event',
      'membership',
      'session',
      'passkey',
      'education',
      'facultyRole',
      'institutionRole',
      'graduateRecord',
      'consent',
      'invitation',
      'auditLog',
      'signInChallenge',
      'webauthnChallenge',
      'rateLimit',
      'mailbox',
      'boardSeat',
      'network',
      'faculty',
      'institution',
      'person',
      'syncMutation',
      'syncClient',
    ] as const) {
      await trx.deleteFrom(table).execute()
    }
  })
}
