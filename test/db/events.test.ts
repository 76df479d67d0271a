import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, pullEverything, type TestApp } from '../helpers/testApp.ts'
import { networkStaffScope } from '../../shared/sync/scopes.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/** Staff run their network's events: drafts only they see, publishing, more places, cancelling. */
describe.each(TEST_DATABASES)('events run by staff on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  const change = (email: string, name: string, args: unknown) => changeAs(t, email, name, args)
  const startsAt = new Date(Date.now() + 14 * 86_400_000).toISOString()
  const draft = {
    id: labelledId('ev-new'),
    networkId: labelledId('net-ximk'),
    type: 'reunion',
    title: 'Kulltreff 2016',
    description: 'Ti år!',
    startsAt,
    endsAt: startsAt,
    place: 'Chateau Neuf',
    city: 'Oslo',
    capacity: 1,
    status: 'draft',
    audience: 'members',
    registrationOpensAt: null,
    registrationClosesAt: null,
    priceText: '',
    questions: [],
  }
  const seen = async (email: string | undefined) =>
    (await pullEverything(t, email ? await t.signIn(email) : undefined)).changes.filter(
      (c) => c.entity === 'event' && c.id === labelledId('ev-new'),
    )

  it("keeps a draft among the network's staff until it is published", async () => {
    expect((await change('alumn@demo.example', 'event.save', { event: draft })).problem!.type).toBe(
      'urn:alumni:problem:forbidden',
    )
    const backwards = await change('admin@demo.example', 'event.save', {
      event: { ...draft, endsAt: new Date(Date.parse(startsAt) - 1000).toISOString() },
    })
    expect(backwards.problem!.errors![0]!.path).toEqual(['args', 'event', 'endsAt'])
    expect((await change('admin@demo.example', 'event.save', { event: draft })).status).toBe('applied')
    expect((await seen('styre@demo.example')).map((c) => c.scope)).toEqual([networkStaffScope(labelledId('net-ximk'))])
    expect(await seen('alumn@demo.example')).toEqual([])
    expect(await seen(undefined)).toEqual([])
    expect(
      (await change('alumn@demo.example', 'registration.register', { eventId: labelledId('ev-new'), answers: {} }))
        .problem!.type,
    ).toBe('urn:alumni:problem:conflict')

    expect(
      (await change('styre@demo.example', 'event.save', { event: { ...draft, status: 'published' } })).status,
    ).toBe('applied')
    expect((await seen(undefined)).map((c) => c.scope)).toEqual(['public'])
    expect((await change('admin@demo.example', 'event.save', { event: draft })).problem!.detail).toMatch(
      /cannot become a draft/,
    )
  })

  it('gives new places to the waitlist at once, and closes registration when cancelled', async () => {
    expect(
      (await change('alumn@demo.example', 'registration.register', { eventId: labelledId('ev-new'), answers: {} }))
        .status,
    ).toBe('applied')
    expect(
      (await change('styre@demo.example', 'registration.register', { eventId: labelledId('ev-new'), answers: {} }))
        .status,
    ).toBe('applied')
    const status = async (personId: string) =>
      (
        await t.db
          .selectFrom('registration')
          .select('status')
          .where('eventId', '=', labelledId('ev-new'))
          .where('personId', '=', personId)
          .executeTakeFirstOrThrow()
      ).status
    expect(await status(labelledId('p-demo-board'))).toBe('waitlisted')
    expect(
      (await change('admin@demo.example', 'event.save', { event: { ...draft, status: 'published', capacity: 2 } }))
        .status,
    ).toBe('applied')
    expect(await status(labelledId('p-demo-board'))).toBe('registered')
    expect(
      await t.db
        .selectFrom('event')
        .select(['registeredCount', 'waitlistCount'])
        .where('id', '=', labelledId('ev-new'))
        .executeTakeFirst(),
    ).toEqual({ registeredCount: 2, waitlistCount: 0 })

    expect((await change('admin@demo.example', 'event.cancel', { eventId: labelledId('ev-new') })).status).toBe(
      'applied',
    )
    expect(
      (await change('admin@demo.example', 'registration.register', { eventId: labelledId('ev-new'), answers: {} }))
        .problem!.detail,
    ).toMatch(/cancelled/)
    expect((await seen(undefined)).at(-1)!.data).toMatchObject({ status: 'cancelled' })
    expect(
      (await change('admin@demo.example', 'event.save', { event: { ...draft, status: 'published' } })).problem!.type,
    ).toBe('urn:alumni:problem:conflict')
  })
})
