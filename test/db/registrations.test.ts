import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, pullEverything, type TestApp } from '../helpers/testApp.ts'
import { fromEvent } from '../../server/features/events/rows.ts'
import { EventSchema } from '../../shared/schemas/event.ts'
import { eraseAccount } from '../../server/features/privacy/erase.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const PEOPLE = 50
const PLACES = 10

/** Registration with a waitlist, under 50 people racing for 10 places, on both databases. */
describe.each(TEST_DATABASES)('event registration on %s', (kind) => {
  let t: TestApp
  let n = 0
  const cookies: string[] = []
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
    const now = new Date().toISOString()
    for (let i = 0; i < PEOPLE; i++) {
      await t.db
        .insertInto('person')
        .values({
          id: `p-race-${i}`,
          email: `race${i}@example.org`,
          name: `Racer ${i}`,
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
          id: `m-race-${i}`,
          networkId: labelledId('net-ximk'),
          personId: `p-race-${i}`,
          status: 'active',
          role: 'member',
          since: now,
          source: 'seed',
        })
        .execute()
      cookies.push(await t.signIn(`race${i}@example.org`))
    }
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString()
    const event = EventSchema.parse({
      id: labelledId('ev-race'),
      networkId: labelledId('net-ximk'),
      type: 'social',
      title: 'Ti plasser',
      description: '',
      startsAt,
      endsAt: startsAt,
      place: 'Oslo',
      city: 'Oslo',
      capacity: PLACES,
      status: 'published',
      questions: [{ id: 'diet', label: 'Mat?', isRequired: true }],
    })
    await t.db.insertInto('event').values(fromEvent(event)).execute()
  })
  afterAll(async () => {
    await t.close()
  })

  async function change(cookie: string, name: string, args: unknown) {
    const res = await t.request('/api/sync/push', {
      method: 'POST',
      cookie,
      json: { clientId: `reg-${kind}-${++n}`, protocolVersion, mutations: [{ id: 1, name, args }] },
    })
    expect(res.status).toBe(200)
    return (await res.json()).results[0] as {
      status: string
      problem?: { type: string; detail?: string; errors?: { path: unknown[] }[] }
    }
  }
  const statuses = async () =>
    await t.db
      .selectFrom('registration')
      .select(['personId', 'status', 'promotedAt'])
      .where('eventId', '=', labelledId('ev-race'))
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
  const counts = () =>
    t.db
      .selectFrom('event')
      .select(['registeredCount', 'waitlistCount'])
      .where('id', '=', labelledId('ev-race'))
      .executeTakeFirstOrThrow()

  it('leaves exactly 10 registered and 40 waitlisted when 50 register at once', async () => {
    const results = await Promise.all(
      cookies.map((cookie) =>
        change(cookie, 'registration.register', { eventId: labelledId('ev-race'), answers: { diet: 'Vegetar' } }),
      ),
    )
    expect(results.every((r) => r.status === 'applied')).toBe(true)
    const all = await statuses()
    expect(all.filter((r) => r.status === 'registered')).toHaveLength(PLACES)
    expect(all.filter((r) => r.status === 'waitlisted')).toHaveLength(PEOPLE - PLACES)
    expect(await counts()).toEqual({ registeredCount: PLACES, waitlistCount: PEOPLE - PLACES })
  })

  it('gives a freed place to the first on the waitlist, who hears of it at the next sync', async () => {
    const before = await statuses()
    const leaving = before.find((r) => r.status === 'registered')!.personId
    const first = before.find((r) => r.status === 'waitlisted')!.personId
    const index = Number(leaving.split('-')[2])
    expect((await change(cookies[index]!, 'registration.cancel', { eventId: labelledId('ev-race') })).status).toBe(
      'applied',
    )
    const after = await statuses()
    expect(after.find((r) => r.personId === first)).toMatchObject({
      status: 'registered',
      promotedAt: expect.any(String),
    })
    expect(await counts()).toEqual({ registeredCount: PLACES, waitlistCount: PEOPLE - PLACES - 1 })
    const promoted = await pullEverything(t, cookies[Number(first.split('-')[2])])
    expect(promoted.changes.find((c) => c.entity === 'registration')!.data).toMatchObject({
      status: 'registered',
      promotedAt: expect.any(String),
    })
    // Cancelling from the waitlist frees no place; cancelling twice changes nothing.
    const waiting = after.find((r) => r.status === 'waitlisted')!.personId
    await change(cookies[Number(waiting.split('-')[2])]!, 'registration.cancel', { eventId: labelledId('ev-race') })
    await change(cookies[Number(waiting.split('-')[2])]!, 'registration.cancel', { eventId: labelledId('ev-race') })
    expect(await counts()).toEqual({ registeredCount: PLACES, waitlistCount: PEOPLE - PLACES - 2 })
  })

  it('refuses with the reason: a required answer missing, an unknown question, a person the event is not for', async () => {
    const missing = await change(cookies[0]!, 'registration.register', { eventId: labelledId('ev-race'), answers: {} })
    expect(missing.problem!.errors![0]!.path).toEqual(['args', 'answers', 'diet'])
    const unknown = await change(cookies[0]!, 'registration.register', {
      eventId: labelledId('ev-race'),
      answers: { diet: 'x', shoe: '44' },
    })
    expect(unknown.problem!.errors![0]!.path).toEqual(['args', 'answers', 'shoe'])
    const outsider = await change(await t.signIn('soker@demo.example'), 'registration.register', {
      eventId: labelledId('ev-race'),
      answers: { diet: 'x' },
    })
    expect(outsider.problem!.type).toBe('urn:alumni:problem:forbidden')
    const gone = await change(cookies[0]!, 'registration.register', { eventId: 'no-such-event', answers: {} })
    expect(gone.problem!.type).toBe('urn:alumni:problem:not-found')
    // Registering again while registered changes the answers only, never the place.
    const registered = (await statuses()).find((r) => r.status === 'registered')!.personId
    await change(cookies[Number(registered.split('-')[2])]!, 'registration.register', {
      eventId: labelledId('ev-race'),
      answers: { diet: 'Vegan' },
    })
    expect(await counts()).toEqual({ registeredCount: PLACES, waitlistCount: PEOPLE - PLACES - 2 })
  })

  it("gives an erased person's place to the next on the waitlist", async () => {
    const before = await statuses()
    const erased = before.find((r) => r.status === 'registered')!.personId
    const next = before.find((r) => r.status === 'waitlisted')!.personId
    const waiting = (await counts()).waitlistCount
    await eraseAccount(t.db, erased)
    expect((await statuses()).find((r) => r.personId === next)!.status).toBe('registered')
    expect(await counts()).toEqual({ registeredCount: PLACES, waitlistCount: waiting - 1 })
  })
})
