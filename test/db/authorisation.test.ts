import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, pullEverything, type TestApp } from '../helpers/testApp.ts'
import { networkStaffScope } from '../../shared/sync/scopes.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { membershipId } from '../../shared/ids.ts'
import type { MutationName } from '../../shared/sync/mutations.ts'
import { graduateEducationId, graduateRecordId } from '../../server/features/graduates/importGraduates.ts'

/** The six kinds of caller, relative to X-IMK (the network the routes below act on). */
const PERSONAS = {
  anonymous: null,
  otherNetwork: 'nhh.member@example.org',
  member: 'alumn@demo.example',
  board: 'styre@demo.example',
  admin: 'admin@demo.example',
  coordinator: 'koordinator@demo.example',
} as const
type Persona = keyof typeof PERSONAS
const ALL = Object.keys(PERSONAS) as Persona[]

/** One expected status for everyone, or one per persona. */
type Expected = number | Record<Persona, number>
const signedIn = (status: number): Record<Persona, number> => ({
  anonymous: 401,
  otherNetwork: status,
  member: status,
  board: status,
  admin: status,
  coordinator: status,
})
const managers = (status: number): Record<Persona, number> => ({
  anonymous: 401,
  otherNetwork: 403,
  member: 403,
  board: status,
  admin: status,
  coordinator: status,
})

interface Case {
  method: string
  path: string
  body?: unknown | ((persona: Persona) => unknown)
  expected: Expected
  note?: string
}

const MATRIX: Case[] = [
  { method: 'GET', path: '/api/health', expected: 200 },
  { method: 'GET', path: '/api/openapi.json', expected: 200 },
  { method: 'GET', path: '/api/auth/me', expected: 200 },
  {
    method: 'POST',
    path: '/api/auth/email/start',
    body: (p: Persona) => ({ email: `someone.${p}@example.org` }),
    expected: 200,
    note: 'one address each: six mails to one address in 15 minutes are rate-limited',
  },
  { method: 'POST', path: '/api/auth/email/verify', body: { token: 'x'.repeat(43) }, expected: 422 },
  { method: 'POST', path: '/api/auth/passkey/register/options', expected: signedIn(200) },
  {
    method: 'POST',
    path: '/api/auth/passkey/register/verify',
    body: {
      challengeId: 'none',
      response: { id: 'a', rawId: 'a', type: 'public-key', response: { clientDataJSON: 'e30' } },
    },
    expected: signedIn(422),
  },
  { method: 'POST', path: '/api/auth/passkey/sign-in/options', expected: 200 },
  {
    method: 'POST',
    path: '/api/auth/passkey/sign-in/verify',
    body: {
      challengeId: 'none',
      response: { id: 'a', rawId: 'a', type: 'public-key', response: { clientDataJSON: 'e30' } },
    },
    expected: 422,
  },
  { method: 'GET', path: '/api/auth/passkeys', expected: signedIn(200) },
  {
    method: 'DELETE',
    path: '/api/auth/passkeys/someone-elses',
    expected: signedIn(404),
    note: "only one's own passkeys can be removed",
  },
  { method: 'POST', path: '/api/auth/sign-out', expected: 200 },
  { method: 'POST', path: '/api/auth/sign-out-everywhere', expected: signedIn(200) },
  { method: 'GET', path: '/api/auth/dev/mailbox', expected: 200, note: 'demo mode only' },
  {
    method: 'POST',
    path: '/api/auth/dev/sign-in',
    body: { email: 'alumn@demo.example' },
    expected: 200,
    note: 'demo mode only',
  },
  {
    method: 'POST',
    path: '/api/sync/push',
    body: (p: Persona) => ({ clientId: `matrix-device-${p}`, protocolVersion, mutations: [] }),
    expected: signedIn(200),
    note: 'a device id belongs to one account',
  },
  { method: 'POST', path: '/api/sync/pull', body: { protocolVersion, cursors: {} }, expected: 200 },
  { method: 'GET', path: '/api/sync/events', expected: 200 },
  { method: 'GET', path: '/api/networks', expected: 200 },
  { method: 'GET', path: '/api/networks/x-imk', expected: 200 },
  { method: 'GET', path: `/api/networks/${labelledId('net-ximk')}/invitations`, expected: managers(200) },
  {
    method: 'POST',
    path: `/api/networks/${labelledId('net-ximk')}/invitations`,
    body: { invitees: [{ email: 'invitee@example.org' }] },
    expected: managers(200),
  },
  {
    method: 'POST',
    path: `/api/networks/${labelledId('net-ximk')}/invitations/no-such/resend`,
    expected: managers(404),
  },
  { method: 'POST', path: `/api/networks/${labelledId('net-ximk')}/invitations/remind`, expected: managers(200) },
  {
    method: 'GET',
    path: `/api/people/${labelledId('p-demo-alumn')}`,
    expected: { anonymous: 401, otherNetwork: 404, member: 200, board: 200, admin: 200, coordinator: 200 },
    note: 'a person who shows nothing to outsiders is not found',
  },
  {
    method: 'GET',
    path: `/api/people/${labelledId('p-demo-alumn')}/photo`,
    expected: signedIn(404),
    note: 'the demo member has no photo; privacy.test.ts covers who sees one',
  },
  { method: 'GET', path: '/api/me/export', expected: signedIn(200) },
  { method: 'GET', path: '/api/me/walk-ins', expected: signedIn(200), note: "only walk-ins under one's own address" },
  { method: 'GET', path: '/api/me/cards', expected: signedIn(200) },
  { method: 'GET', path: '/api/keys', expected: 200 },
  { method: 'GET', path: `/api/events/${labelledId('ev-ximk-fagdag')}/ics`, expected: 200 },
  { method: 'GET', path: `/api/events/${labelledId('ev-ximk-fagdag')}/venue-codes`, expected: managers(200) },
  { method: 'GET', path: `/api/events/${labelledId('ev-ximk-fagdag')}/attendance.csv`, expected: managers(200) },
  { method: 'GET', path: `/api/events/${labelledId('ev-ximk-fagdag')}/feedback`, expected: managers(200) },
  { method: 'POST', path: `/api/events/${labelledId('ev-ximk-fagdag')}/feedback-requests`, expected: managers(200) },
  {
    method: 'POST',
    path: `/api/events/${labelledId('ev-ximk-fagdag')}/cohort-invitations`,
    body: { graduationYear: 1990 },
    expected: managers(200),
  },
  { method: 'GET', path: '/api/push/key', expected: 200 },
  { method: 'GET', path: '/api/push/subscriptions', expected: signedIn(200) },
  {
    method: 'POST',
    path: '/api/push/subscriptions',
    body: (p: Persona) => ({
      endpoint: `https://fcm.googleapis.com/fcm/send/${p}`,
      keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
    }),
    expected: signedIn(200),
  },
  {
    method: 'DELETE',
    path: '/api/push/subscriptions/00000000-0000-4000-8000-000000000000',
    expected: signedIn(404),
    note: "only one's own devices can be removed",
  },
  {
    method: 'GET',
    path: '/api/newsletters/nl-missing/preview.html',
    expected: signedIn(404),
    note: 'newsletters.test.ts covers staff-only preview of a real issue',
  },
  {
    method: 'POST',
    path: '/api/newsletters/unsubscribe/not-a-real-unsubscribe-token',
    expected: 404,
    note: 'no sign-in: the address in the mail is the secret',
  },
  { method: 'POST', path: '/api/me/calendar', expected: signedIn(200) },
  {
    method: 'GET',
    path: '/api/calendar/not-a-real-calendar-token.ics',
    expected: 404,
    note: 'the address is the secret',
  },
  { method: 'GET', path: `/api/networks/${labelledId('net-ximk')}/audit`, expected: managers(200) },
  { method: 'GET', path: '/api/accessibility/barriers', expected: signedIn(403), note: 'site admins only' },
  { method: 'GET', path: '/api/auth/oidc/providers', expected: 200 },
  {
    method: 'GET',
    path: '/api/auth/oidc/feide/start',
    expected: 404,
    note: 'no provider is configured on this server',
  },
  { method: 'GET', path: '/api/auth/oidc/feide/callback', expected: 404, note: 'as above' },
  { method: 'GET', path: '/api/auth/oidc/identities', expected: signedIn(200) },
  {
    method: 'DELETE',
    path: '/api/auth/oidc/identities/feide',
    expected: signedIn(404),
    note: "nothing linked: only one's own identities can be unlinked",
  },
  {
    method: 'POST',
    path: '/api/institutions/uio/graduates/import',
    body: { csv: 'studentnummer;navn\n1;Kari\n', dryRun: true },
    expected: signedIn(403),
    note: "only the institution's own staff (none of the personas)",
  },
  {
    method: 'POST',
    path: '/api/me/delete',
    body: { confirmEmail: 'not.mine@example.org' },
    expected: signedIn(422),
    note: 'the right address would erase the account',
  },
]

type Caller = Exclude<Persona, 'anonymous'>
/** A change tried by each caller in turn (this order), and what each is answered: applied, or the problem's type. */
interface MutationCase {
  args: unknown | ((caller: Caller) => unknown)
  expected: Record<Caller, string>
}
/** A mutation that names no one else and acts on the caller's own rows only, with where its rules are tested. */
interface OwnMutation {
  ownRowsOnly: string
}
const staffOnly = (outcome: string, coordinator = outcome): Record<Caller, string> => ({
  otherNetwork: 'forbidden',
  member: 'forbidden',
  board: outcome,
  admin: outcome,
  coordinator,
})
const xImkMembers = (outcome: string): Record<Caller, string> => ({
  otherNetwork: 'forbidden',
  member: outcome,
  board: outcome,
  admin: outcome,
  coordinator: outcome,
})
const ximk = labelledId('net-ximk')
const matrixEvent = labelledId('ev-matrix')
const matrixNewsletter = labelledId('nl-matrix')
const soon = new Date(Date.now() + 30 * 86_400_000).toISOString()
/** The seat each caller tries to remove: those refused leave theirs in place. */
const SEAT_TO_REMOVE: Record<Caller, string> = {
  otherNetwork: labelledId('seat-ximk-1'),
  member: labelledId('seat-ximk-1'),
  board: labelledId('seat-ximk-2'),
  admin: labelledId('seat-ximk-3'),
  coordinator: labelledId('seat-ximk-4'),
}

/**
 * What each persona may change in X-IMK through sync. Every mutation the push
 * route accepts is here (the compiler asks for a new one): either tried by
 * every caller, or marked as acting on the caller's own rows only.
 */
const MUTATION_MATRIX = {
  'network.create': {
    args: {
      network: {
        id: labelledId('net-matrix'),
        facultyId: 'uio-hf',
        slug: 'matrise',
        name: 'Matrisenettverket',
        shortName: 'Matrise',
        purpose: 'Prøver hvem som kan opprette nettverk.',
        admission: { mode: 'approval', clauses: [] },
        contactEmail: 'matrise@uio.no',
      },
    },
    expected: { ...staffOnly('forbidden'), coordinator: 'applied' },
  },
  'network.update': { args: { networkId: ximk, patch: { activities: ['Fagdag'] } }, expected: staffOnly('applied') },
  'boardSeat.save': {
    args: {
      seat: {
        id: labelledId('seat-matrix'),
        networkId: ximk,
        personName: 'Nora Leder',
        role: 'chair',
        selection: 'elected',
        termStart: '2026-01-01',
        termEnd: '2027-12-31',
      },
    },
    expected: staffOnly('applied'),
  },
  'boardSeat.remove': {
    args: (caller: Caller) => ({ seatId: SEAT_TO_REMOVE[caller] }),
    expected: staffOnly('applied'),
  },
  'group.create': {
    args: (caller: Caller) => ({
      group: {
        id: labelledId(`g-matrix-${caller}`),
        networkId: ximk,
        name: `Matrisegruppe ${caller}`,
        kind: 'region',
        description: '',
        url: null,
        contactName: null,
      },
    }),
    expected: xImkMembers('applied'),
  },
  'group.flagDormant': {
    args: { groupId: labelledId('g-ximk-2015') },
    expected: { ...xImkMembers('applied'), coordinator: 'forbidden' },
  },
  'group.setStatus': { args: { groupId: labelledId('g-ximk-2015'), status: 'active' }, expected: staffOnly('applied') },
  'group.follow': {
    args: { groupId: labelledId('g-ximk-2015'), isOn: true },
    // The coordinator oversees X-IMK without being a member of it.
    expected: { ...xImkMembers('applied'), coordinator: 'forbidden' },
  },
  'profile.update': { ownRowsOnly: 'the caller’s profile (privacy.test.ts)' },
  'profile.setVisibility': { ownRowsOnly: 'the caller’s profile (privacy.test.ts)' },
  'profile.setPhoto': { ownRowsOnly: 'the caller’s profile (privacy.test.ts)' },
  'profile.setLocale': { ownRowsOnly: 'the caller’s language (languages.test.ts)' },
  'membership.join': { ownRowsOnly: 'the caller’s membership, by the network’s admission (membership.test.ts)' },
  'membership.leave': { ownRowsOnly: 'the caller’s membership (membership.test.ts)' },
  'membership.consent': { ownRowsOnly: 'the caller’s membership (membership.test.ts)' },
  'membership.decide': {
    args: { membershipId: 'm-applicant-net-ximk', approve: false },
    expected: staffOnly('conflict'),
  },
  'membership.setRole': {
    args: { networkId: ximk, personId: labelledId('p-demo-alumn'), role: 'member' },
    expected: { ...staffOnly('applied'), board: 'forbidden' },
  },
  'membership.remove': {
    // Not a member of X-IMK: those allowed to remove are told so; the rest learn nothing about who is a member.
    args: { networkId: ximk, personId: labelledId('p-nhh') },
    expected: { ...staffOnly('not-found'), board: 'forbidden' },
  },
  'education.add': { ownRowsOnly: 'the caller’s education (privacy.test.ts)' },
  'education.remove': { ownRowsOnly: 'the caller’s education: another’s id is not found (privacy.test.ts)' },
  'education.verify': {
    // The alum's education from UiO's sample graduate list, verified already: allowed callers find nothing to do.
    args: { educationId: graduateEducationId(graduateRecordId('uio', '100103')), networkId: ximk },
    expected: staffOnly('applied'),
  },
  'event.save': {
    args: {
      event: {
        id: matrixEvent,
        networkId: ximk,
        type: 'fagdag',
        title: 'Matrisefagdag',
        description: '',
        startsAt: soon,
        endsAt: new Date(Date.parse(soon) + 3_600_000).toISOString(),
        place: 'Georg Morgenstiernes hus',
        city: 'Oslo',
        capacity: 10,
        status: 'published',
        audience: 'open',
      },
    },
    expected: staffOnly('applied'),
  },
  'event.cancel': { args: { eventId: matrixEvent }, expected: staffOnly('applied') },
  'registration.register': {
    ownRowsOnly: 'the caller’s registration, by the event’s audience (registrations.test.ts)',
  },
  'registration.cancel': { ownRowsOnly: 'the caller’s registration (registrations.test.ts)' },
  'checkIn.record': {
    args: {
      scan: {
        id: '6f1c1b8e-8d5e-4a43-9a39-0c3b1c8f2a10',
        eventId: labelledId('ev-ximk-fagdag'),
        registrationId: 'r-nobody-ev-ximk-fagdag',
        deviceId: 'door',
        scannedAt: '2026-04-22T08:00:00.000Z',
        method: 'scan',
      },
    },
    expected: staffOnly('validation'),
  },
  'checkIn.walkIn': {
    args: (caller: Caller) => ({
      walkIn: {
        id: labelledId(`walk-in-matrix-${caller}`),
        eventId: labelledId('ev-ximk-fagdag'),
        deviceId: 'door',
        scannedAt: new Date().toISOString(),
        name: 'Per Gjest',
        email: `per.gjest.${caller}@example.org`,
      },
    }),
    expected: staffOnly('applied'),
  },
  'checkIn.self': { ownRowsOnly: 'the caller’s registration, with the venue’s code (checkIn.test.ts)' },
  'walkIn.decide': { ownRowsOnly: 'walk-ins entered under the caller’s own address (checkIn.test.ts)' },
  'feedback.give': { ownRowsOnly: 'the caller’s feedback on an event they attended (checkIn.test.ts)' },
  'notifications.update': { ownRowsOnly: 'the caller’s settings (push.test.ts)' },
  'newsletter.save': {
    args: {
      newsletter: {
        id: matrixNewsletter,
        networkId: ximk,
        title: 'Matrisebrev',
        includeEvents: false,
        audience: { kind: 'network' },
        blocks: [{ type: 'paragraph', text: 'Hvem kan skrive?' }],
      },
    },
    expected: staffOnly('applied'),
  },
  'newsletter.schedule': { args: { newsletterId: matrixNewsletter, at: soon }, expected: staffOnly('applied') },
  'newsletter.unschedule': { args: { newsletterId: matrixNewsletter }, expected: staffOnly('applied') },
  'newsletter.open': { ownRowsOnly: 'the caller’s own open of a letter sent to them (newsletters.test.ts)' },
  'newsletter.subscribe': { ownRowsOnly: 'the caller’s subscription (newsletters.test.ts)' },
  'barrier.report': { ownRowsOnly: 'the caller’s own report (accessibility.test.ts)' },
} satisfies Record<MutationName, MutationCase | OwnMutation>

const TRIED_MUTATIONS = Object.entries(MUTATION_MATRIX).flatMap(([name, c]) =>
  'expected' in c ? [[name, c as MutationCase] as const] : [],
)

describe.each(TEST_DATABASES)('authorisation matrix on %s', (kind) => {
  let t: TestApp
  let runs = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
    const now = new Date().toISOString()
    await t.db
      .insertInto('person')
      .values({
        id: labelledId('p-nhh'),
        email: 'nhh.member@example.org',
        name: 'Nora NHH',
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
    await t.db
      .insertInto('membership')
      .values({
        id: membershipId(labelledId('net-nhh'), labelledId('p-nhh')),
        networkId: labelledId('net-nhh'),
        personId: labelledId('p-nhh'),
        status: 'active',
        role: 'member',
        since: now,
        source: 'seed',
      })
      .execute()
    // A request that has already been decided: deciding again must conflict for those allowed to decide.
    await t.db
      .insertInto('membership')
      .values({
        id: 'm-applicant-net-ximk',
        networkId: labelledId('net-ximk'),
        personId: labelledId('p-nhh'),
        status: 'ended',
        role: 'member',
        since: now,
        source: 'request',
      })
      .execute()
  })
  afterAll(async () => {
    await t.close()
  })

  const cookieFor = (persona: Persona) => (PERSONAS[persona] ? t.signIn(PERSONAS[persona]) : Promise.resolve(undefined))

  it('covers every route of the API', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort()
    const covered = [
      ...new Set(
        MATRIX.map(
          (c) =>
            `${c.method} ${c.path
              .replace('/x-imk', '/{slug}')
              .replace(`/${labelledId('net-ximk')}/`, '/{networkId}/')
              .replace('/no-such/', '/{invitationId}/')
              .replace(`/${labelledId('p-demo-alumn')}`, '/{id}')
              .replace('/passkeys/someone-elses', '/passkeys/{passkeyId}')
              .replace(`/events/${labelledId('ev-ximk-fagdag')}/`, '/events/{id}/')
              .replace('/calendar/not-a-real-calendar-token.ics', '/calendar/{file}')
              .replace('/subscriptions/00000000-0000-4000-8000-000000000000', '/subscriptions/{id}')
              .replace('/newsletters/nl-missing/', '/newsletters/{id}/')
              .replace('/unsubscribe/not-a-real-unsubscribe-token', '/unsubscribe/{token}')
              .replace('/institutions/uio/', '/institutions/{institutionId}/')
              .replace('/oidc/feide/', '/oidc/{provider}/')
              .replace('/identities/feide', '/identities/{provider}')}`,
        ),
      ),
    ].sort()
    // The OpenAPI document does not list itself.
    expect(covered.filter((r) => r !== 'GET /api/openapi.json')).toEqual(documented)
  })

  it.each(MATRIX.map((c) => [`${c.method} ${c.path}`, c] as const))(
    '%s answers each persona as expected',
    async (_label, c) => {
      const answers: Partial<Record<Persona, number>> = {}
      for (const persona of ALL) {
        const body = typeof c.body === 'function' ? c.body(persona) : c.body
        const res = await t.request(c.path, {
          method: c.method,
          cookie: await cookieFor(persona),
          ...(body !== undefined ? { json: body } : {}),
        })
        answers[persona] = res.status
        await res.body?.cancel()
      }
      const expected = typeof c.expected === 'number' ? Object.fromEntries(ALL.map((p) => [p, c.expected])) : c.expected
      expect(answers).toEqual(expected)
    },
  )

  it.each(TRIED_MUTATIONS)('%s through sync is applied or refused per persona', async (name, m) => {
    const answers: Record<string, string> = {}
    for (const persona of ALL.filter((p): p is Caller => p !== 'anonymous')) {
      const res = await t.request('/api/sync/push', {
        method: 'POST',
        cookie: await cookieFor(persona),
        json: {
          clientId: `matrix-${kind}-${++runs}`,
          protocolVersion,
          mutations: [{ id: 1, name, args: typeof m.args === 'function' ? m.args(persona) : m.args }],
        },
      })
      const result = (await res.json()).results[0] as { status: string; problem?: { type: string } }
      answers[persona] =
        result.status === 'applied' ? 'applied' : result.problem!.type.replace('urn:alumni:problem:', '')
    }
    expect(answers).toEqual(m.expected)
  })

  it('gives only those who run X-IMK its staff scope, and logs their first read of it', async () => {
    const readers: string[] = []
    for (const persona of ALL) {
      const { cursors } = await pullEverything(t, await cookieFor(persona))
      if (networkStaffScope(labelledId('net-ximk')) in cursors) readers.push(persona)
    }
    expect(readers).toEqual(['board', 'admin', 'coordinator'])
    const audit = await t.db
      .selectFrom('auditLog')
      .select(['actorId'])
      .where('action', '=', 'directory.read')
      .where('networkId', '=', labelledId('net-ximk'))
      .execute()
    expect(new Set(audit.map((a) => a.actorId))).toEqual(
      new Set([labelledId('p-demo-board'), labelledId('p-demo-admin'), labelledId('p-demo-koordinator')]),
    )
  })
})
