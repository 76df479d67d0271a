import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import {
  appNetwork,
  changeAs,
  createTestApp,
  pullEverything,
  signUp,
  verifiedGraduate,
  type TestApp,
} from '../helpers/testApp.ts'
import { networkStaffScope } from '../../shared/sync/scopes.ts'

const COORDINATOR = 'koordinator@demo.example'
const HOUR = 3_600_000

/** Finding 13 of "Hardened": what staff see of people who hid it, and what a membership says it rests on. */
describe.each(TEST_DATABASES)('small leaks on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  it("shows staff a join request's e-mail address only when the applicant shows it to staff", async () => {
    const network = await appNetwork(t, COORDINATOR, 'Søknadsfag', [], 'approval')
    const hidden = await signUp(t, 'Skjult Adresse')
    const shown = await signUp(t, 'Vist Adresse')
    expect((await changeAs(t, shown.email, 'profile.setVisibility', { visibility: { email: 'staff' } })).status).toBe(
      'applied',
    )
    for (const person of [hidden, shown]) {
      expect(
        (
          await changeAs(t, person.email, 'education.add', {
            education: {
              id: randomUUID(),
              institutionId: 'uio',
              programme: 'Søknadsfag',
              degree: 'master',
              status: 'graduated',
              graduationYear: 2020,
              credits: 120,
            },
          })
        ).status,
      ).toBe('applied')
      expect((await changeAs(t, person.email, 'membership.join', { networkId: network.id })).status).toBe('applied')
    }
    const staff = await pullEverything(t, await t.signIn(COORDINATOR))
    const requests = staff.changes
      .filter((c) => c.entity === 'joinRequest' && c.scope === networkStaffScope(network.id))
      .map((c) => c.data as { personId: string; email: string | null })
    expect(requests.find((r) => r.personId === hidden.id)!.email).toBeNull()
    expect(requests.find((r) => r.personId === shown.id)!.email).toBe(shown.email)
  })

  it('counts in a cohort invitation only those whose graduation year staff may see (or who registered the degree)', async () => {
    const hider = await signUp(t, 'År Skjult')
    const shower = await signUp(t, 'År Vist')
    const network = await appNetwork(t, COORDINATOR, 'Kullfag', [hider.email, shower.email])
    for (const [person, visibility] of [
      [hider, {}],
      [shower, { graduationYear: 'staff' }],
    ] as const) {
      expect((await changeAs(t, person.email, 'profile.update', { patch: { graduationYear: 1999 } })).status).toBe(
        'applied',
      )
      expect((await changeAs(t, person.email, 'profile.setVisibility', { visibility })).status).toBe('applied')
    }
    const eventId = randomUUID()
    const startsAt = new Date(Date.now() + 30 * 24 * HOUR).toISOString()
    expect(
      (
        await changeAs(t, COORDINATOR, 'event.save', {
          event: {
            id: eventId,
            networkId: network.id,
            type: 'reunion',
            title: 'Kulltreff 1999',
            description: '',
            startsAt,
            endsAt: startsAt,
            place: 'Blindern',
            city: 'Oslo',
            capacity: null,
            status: 'published',
            audience: 'members',
          },
        })
      ).status,
    ).toBe('applied')
    const res = await t.request(`/api/events/${eventId}/cohort-invitations`, {
      method: 'POST',
      cookie: await t.signIn(COORDINATOR),
      json: { graduationYear: 1999 },
    })
    expect(await res.json()).toEqual({ invited: 1 })
    const invited = await t.db
      .selectFrom('notice')
      .select('personId')
      .where('eventId', '=', eventId)
      .where('kind', '=', 'cohortInvite')
      .execute()
    expect(invited.map((n) => n.personId)).toEqual([shower.id])
  })

  it('records an automatic membership as resting on legitimate interest, not on a consent nobody gave', async () => {
    const programme = 'Automatfag'
    const networkId = randomUUID()
    expect(
      (
        await changeAs(t, COORDINATOR, 'network.create', {
          network: {
            id: networkId,
            facultyId: 'uio-hf',
            slug: `auto-${networkId.slice(0, 6)}`,
            name: 'Automatisk alumni',
            shortName: 'Auto',
            purpose: '',
            admission: {
              mode: 'open',
              autoJoin: true,
              clauses: [{ kind: 'graduates', programmes: [programme], degree: 'any' }],
            },
            contactEmail: null,
          },
        })
      ).status,
    ).toBe('applied')
    const person = await verifiedGraduate(t, 'Auto Medlem', { institutionId: 'uio', programme, graduationYear: 2020 })
    const membership = await t.db
      .selectFrom('membership')
      .select(['status', 'source', 'lawfulBasis'])
      .where('networkId', '=', networkId)
      .where('personId', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(membership).toEqual({ status: 'active', source: 'auto', lawfulBasis: 'legitimateInterest' })
    expect(await t.db.selectFrom('consent').select('id').where('personId', '=', person.id).execute()).toEqual([])
    // Consent given on the network's page changes the basis, with its row.
    expect((await changeAs(t, person.email, 'membership.consent', { networkId })).status).toBe('applied')
    expect(
      (
        await t.db
          .selectFrom('membership')
          .select('lawfulBasis')
          .where('networkId', '=', networkId)
          .where('personId', '=', person.id)
          .executeTakeFirstOrThrow()
      ).lawfulBasis,
    ).toBe('consent')
    expect(await t.db.selectFrom('consent').select('purpose').where('personId', '=', person.id).execute()).toEqual([
      { purpose: `membership:${networkId}` },
    ])
  })

  it("keeps the newsletter preview's own, stricter Content-Security-Policy", async () => {
    const newsletterId = randomUUID()
    const network = await appNetwork(t, COORDINATOR, 'Brevfag')
    expect(
      (
        await changeAs(t, COORDINATOR, 'newsletter.save', {
          newsletter: {
            id: newsletterId,
            networkId: network.id,
            title: 'Nytt',
            includeEvents: false,
            audience: { kind: 'network' },
            blocks: [{ type: 'paragraph', text: 'Hei' }],
          },
        })
      ).status,
    ).toBe('applied')
    const res = await t.request(`/api/newsletters/${newsletterId}/preview.html`, {
      cookie: await t.signIn(COORDINATOR),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'",
    )
  })
})
