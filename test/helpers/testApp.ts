import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { readConfig, type Config } from '../../server/config.ts'
import { openDatabase } from '../../server/db/index.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { seedIfEmpty } from '../../server/db/seed/index.ts'
import { createApp } from '../../server/app.ts'
import { demoMode } from '../../server/db/demoMode.ts'
import { createSession, SESSION_COOKIE } from '../../server/features/session/session.ts'
import { createLogger } from '../../server/lib/logger.ts'
import { createChangeHints } from '../../server/sync/changeHints.ts'
import { createMailer } from '../../server/lib/mail/mailer.ts'
import type { Db, DatabaseKind } from '../../server/db/schema.ts'
import { scratchDatabase, type ScratchDatabase } from './databases.ts'
import { LOCAL_PUSH_HOSTS } from './pushEndpoint.ts'
import { networkThroughChanges, type AdmissionMode, type NetworkFixture } from './networkFixture.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { PullResponseSchema, type PullResponse } from '../../shared/sync/protocol.ts'
import { GraduateImportReportSchema, type GraduateImportReport } from '../../shared/schemas/graduates.ts'

export interface TestApp {
  kind: DatabaseKind
  db: Db
  /** Where its database is (for backups). */
  location: { databaseUrl: string | null; sqliteFile: string }
  /** Calls the real app in-process, as `fetch` would (same middleware, same routes). */
  request: (path: string, init?: RequestInit & { cookie?: string; json?: unknown }) => Promise<Response>
  /** Signs in a demo account and returns its cookie. */
  signIn: (email: string) => Promise<string>
  /** A new app process on the same database: in-memory state (change hints, caches) is lost, as in a restart. */
  restart: () => void
  close: () => Promise<void>
}

/** The real app on a fresh, migrated, seeded database of the given kind (100 synthetic members). */
export async function createTestApp(
  kind: DatabaseKind,
  options: {
    members?: number
    smtpUrl?: string
    clientDir?: string
    publicUrl?: string
    readLimitFactor?: number
    oidcProviders?: Config['oidcProviders']
    /** An existing database (restored from a backup, say) instead of a new one; dropped on close all the same. */
    database?: ScratchDatabase
  } = {},
): Promise<TestApp> {
  const scratch = options.database ?? (await scratchDatabase(kind))
  const wanted = {
    ...readConfig({}),
    pushHosts: LOCAL_PUSH_HOSTS,
    databaseUrl: scratch.databaseUrl,
    sqliteFile: scratch.sqliteFile,
    logLevel: 'silent' as const,
    isDemo: true,
    smtpUrl: options.smtpUrl ?? null,
    // Tests pull the demo accounts' directories from scratch again and again; the tests of the limits keep 1.
    readLimitFactor: options.readLimitFactor ?? 1000,
    oidcProviders: options.oidcProviders ?? [],
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
    ...(options.publicUrl
      ? { publicUrl: options.publicUrl, secureCookies: options.publicUrl.startsWith('https:') }
      : {}),
  }
  const { db, close } = openDatabase(wanted)
  await migrateToLatest(db, kind)
  await seedIfEmpty(db, kind, { members: options.members ?? 100 })
  // As the server decides at start-up: with real mail (a capture server) the demo's sign-in stays closed.
  const config = { ...wanted, isDemo: (await demoMode(db, wanted)).isOn }
  let hints = createChangeHints(db, 50)
  const start = () =>
    createApp({
      db,
      kind,
      config,
      logger: createLogger('silent'),
      hints,
      mailer: createMailer(config, db),
      mailUrl: () => config.publicUrl ?? 'http://localhost',
    })
  let app = start()
  const request: TestApp['request'] = (path, init = {}) => {
    const headers = new Headers(init.headers)
    // As a browser on the app's own page would send it; CSRF tests override it.
    if (!headers.has('origin')) headers.set('origin', options.publicUrl ?? 'http://localhost')
    if (init.cookie) headers.set('cookie', init.cookie)
    let body = init.body
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json')
      body = JSON.stringify(init.json)
    }
    return Promise.resolve(app.request(`http://localhost${path}`, { ...init, headers, body }))
  }
  return {
    kind,
    db,
    location: { databaseUrl: scratch.databaseUrl, sqliteFile: scratch.sqliteFile },
    request,
    signIn: async (email) => {
      if (!config.isDemo) {
        // A fixture, named as such: with the demo sign-in closed, the test makes the session row itself.
        const person = await db
          .selectFrom('person')
          .select('id')
          .where('email', '=', email.toLowerCase())
          .executeTakeFirstOrThrow()
        return `${SESSION_COOKIE}=${await createSession(db, person.id)}`
      }
      const res = await request('/api/auth/dev/sign-in', { method: 'POST', json: { email } })
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
      return res.headers.get('set-cookie')!.split(';')[0]!
    },
    restart: () => {
      hints.close()
      hints = createChangeHints(db, 50)
      app = start()
    },
    close: async () => {
      hints.close()
      await close()
      await scratch.drop()
    },
  }
}

export const protocolVersion = SYNC_PROTOCOL_VERSION

/** Pulls every page from `cursors`, as a device does: all changes, the scopes dropped, the final cursors. */
export async function pullEverything(
  t: TestApp,
  cookie: string | undefined,
  cursors: Record<string, number> = {},
  limit = 1000,
) {
  const changes: PullResponse['changes'] = []
  const dropScopes: string[] = []
  let page: PullResponse
  do {
    const res = await t.request('/api/sync/pull', { method: 'POST', cookie, json: { protocolVersion, cursors, limit } })
    if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${await res.text()}`)
    page = PullResponseSchema.parse(await res.json())
    changes.push(...page.changes)
    dropScopes.push(...page.dropScopes)
    cursors = page.cursors
  } while (page.hasMore)
  return { changes, dropScopes, cursors }
}

export interface ChangeResult {
  status: string
  problem?: { type: string; detail?: string; errors?: { path: unknown[] }[] }
}

let changeDevices = 0
/**
 * One change sent as a signed-in person's phone would: from a new device, so
 * each call is mutation 1. `sentAt` is the phone's clock at sending (a phone
 * whose clock is off sends its own time).
 */
export async function changeAs(
  t: TestApp,
  email: string,
  name: string,
  args: unknown,
  options: { sentAt?: string } = {},
): Promise<ChangeResult> {
  const res = await t.request('/api/sync/push', {
    method: 'POST',
    cookie: await t.signIn(email),
    json: {
      clientId: `device-${t.kind}-${++changeDevices}-${Date.now()}`,
      protocolVersion,
      sentAt: options.sentAt,
      mutations: [{ id: 1, name, args }],
    },
  })
  if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { results: ChangeResult[] }).results[0]!
}

/**
 * A new person, made as the app makes one: e-mail sign-in with the code from
 * the mail (in the dev mailbox, so on an app without SMTP), then their name
 * on the profile. Ids are the server's own (`p-` and a UUID).
 */
export async function signUp(t: TestApp, name: string): Promise<{ id: string; email: string; cookie: string }> {
  const local = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '')
  const email = `${local || 'person'}.${randomUUID().slice(0, 8)}@example.org`
  const start = await t.request('/api/auth/email/start', { method: 'POST', json: { email, locale: 'nb' } })
  if (start.status !== 200) throw new Error(`sign-in start failed: ${start.status} ${await start.text()}`)
  const { challengeId } = (await start.json()) as { challengeId: string }
  const mail = await t.db
    .selectFrom('mailbox')
    .select('text')
    .where('toAddress', '=', email)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  const code = /\b(\d{6})\b/.exec(mail.text)![1]!
  const verify = await t.request('/api/auth/email/verify', { method: 'POST', json: { challengeId, code } })
  if (verify.status !== 200) throw new Error(`sign-in failed: ${verify.status} ${await verify.text()}`)
  const cookie = verify.headers.get('set-cookie')!.split(';')[0]!
  const id = ((await verify.json()) as { profile: { id: string } }).profile.id
  expect((await changeAs(t, email, 'profile.update', { patch: { name } })).status).toBe('applied')
  return { id, email, cookie }
}

/** A network started in the app by `coordinator`, with `members` joined (see {@link networkThroughChanges}); every change must apply. */
export function appNetwork(
  t: TestApp,
  coordinator: string,
  programme: string,
  members: string[] = [],
  mode: AdmissionMode = 'open',
): Promise<NetworkFixture> {
  return networkThroughChanges(
    async (email, name, args) => {
      const result = await changeAs(t, email, name, args)
      if (result.status !== 'applied')
        throw new Error(`${name} by ${email} was refused: ${JSON.stringify(result.problem)}`)
    },
    coordinator,
    programme,
    members,
    mode,
  )
}

/**
 * Someone at the institution's alumni office or registry, allowed to import
 * its graduate lists. The role is given in the database, as an operator does
 * today (the app has no screen for granting institution roles).
 */
export async function institutionStaff(
  t: TestApp,
  institutionId: string,
): Promise<{ id: string; email: string; cookie: string }> {
  const staff = await signUp(t, `Registrar ${institutionId}`)
  await t.db.insertInto('institutionRole').values({ institutionId, personId: staff.id, role: 'registrar' }).execute()
  return staff
}

/** A graduate list sent as the import screen sends it; answers the report. */
export async function importGraduatesAs(
  t: TestApp,
  cookie: string,
  institutionId: string,
  csv: string,
  dryRun = false,
): Promise<GraduateImportReport> {
  const res = await t.request(`/api/institutions/${institutionId}/graduates/import`, {
    method: 'POST',
    cookie,
    json: { csv, dryRun },
  })
  if (res.status !== 200) throw new Error(`import failed: ${res.status} ${await res.text()}`)
  return GraduateImportReportSchema.parse(await res.json())
}

let studentNumbers = 100_000
/**
 * A new person whom the institution's graduate list names, so their
 * education is verified: signed up as the app makes people, then imported by
 * the institution's staff (under a student number of their own).
 */
export async function verifiedGraduate(
  t: TestApp,
  name: string,
  degree: { institutionId: string; programme: string; graduationYear?: number; degree?: string; credits?: number },
): Promise<{ id: string; email: string; cookie: string }> {
  const person = await signUp(t, name)
  const staff = await institutionStaff(t, degree.institutionId)
  const line = [
    ++studentNumbers,
    name,
    person.email,
    degree.programme,
    degree.degree ?? 'master',
    degree.graduationYear ?? 2020,
    degree.credits ?? 120,
  ]
  const report = await importGraduatesAs(
    t,
    staff.cookie,
    degree.institutionId,
    `studentnummer;navn;e-post;studieprogram;grad;år;studiepoeng\n${line.join(';')}\n`,
  )
  expect(report.counts.matched).toBe(1)
  return person
}
