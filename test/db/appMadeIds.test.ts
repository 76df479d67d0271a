import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { changeAs, createTestApp, pullEverything, signUp, type TestApp } from '../helpers/testApp.ts'
import { registrationId } from '../../shared/ids.ts'
import { IdSchema } from '../../shared/schemas/common.ts'
import { networkStaffScope } from '../../shared/sync/scopes.ts'

const COORDINATOR = 'koordinator@demo.example'
const HOUR = 3_600_000

/**
 * The door and the network on rows the app made itself: a network started by
 * the faculty's coordinator, people who signed up by e-mail, an event with a
 * device-minted UUID. Nothing here passes because a seed id happens to be short.
 */
describe.each(TEST_DATABASES)('app-made networks, people and events on %s', (kind) => {
  let t: TestApp
  const networkId = randomUUID()
  const eventId = randomUUID()

  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  const newNetwork = (over: Record<string, unknown> = {}) => ({
    id: networkId,
    facultyId: 'uio-hf',
    slug: `fil-alumni-${networkId.slice(0, 6)}`,
    name: 'Alumni i filosofi',
    shortName: 'Filosofi',
    purpose: 'Holde kontakten etter studiene.',
    admission: { mode: 'open', clauses: [] },
    contactEmail: null,
    ...over,
  })

  it('lets a faculty coordinator start a network of the faculty, and nobody else', async () => {
    const someone = await signUp(t, 'Nina Nyansatt')
    expect((await changeAs(t, someone.email, 'network.create', { network: newNetwork() })).problem?.type).toMatch(
      /forbidden/,
    )
    expect(
      (await changeAs(t, COORDINATOR, 'network.create', { network: newNetwork({ facultyId: 'nhh-main' }) })).problem
        ?.type,
    ).toMatch(/forbidden/)
    expect((await changeAs(t, COORDINATOR, 'network.create', { network: newNetwork() })).status).toBe('applied')
    const clash = await changeAs(t, COORDINATOR, 'network.create', { network: newNetwork({ id: randomUUID() }) })
    expect(clash.problem).toMatchObject({
      type: expect.stringMatching(/conflict/),
      errors: [{ path: ['network', 'slug'] }],
    })
    const unknown = await changeAs(t, COORDINATOR, 'network.create', {
      network: newNetwork({ id: randomUUID(), slug: 'ingen-slik', facultyId: 'no-such' }),
    })
    expect(unknown.problem).toMatchObject({ errors: [{ path: ['network', 'facultyId'] }] })

    const everyone = await pullEverything(t, undefined)
    expect(everyone.changes.find((c) => c.entity === 'network' && c.id === networkId)?.data).toMatchObject({
      name: 'Alumni i filosofi',
      channels: [],
    })
    // The coordinator runs it at once: its staff scope is theirs.
    const coordinator = await pullEverything(t, await t.signIn(COORDINATOR))
    expect(Object.keys(coordinator.cursors)).toContain(networkStaffScope(networkId))
  })

  it('admits a person who signed up in the app at the door of an event made in the app, and flags the second phone as a duplicate', async () => {
    const startsAt = new Date(Date.now() + HOUR).toISOString()
    expect(
      (
        await changeAs(t, COORDINATOR, 'event.save', {
          event: {
            id: eventId,
            networkId,
            type: 'fagdag',
            title: 'Fagdag i filosofi',
            description: '',
            startsAt,
            endsAt: new Date(Date.parse(startsAt) + 4 * HOUR).toISOString(),
            place: 'Georg Morgenstiernes hus',
            city: 'Oslo',
            capacity: 10,
            status: 'published',
            audience: 'open',
          },
        })
      ).status,
    ).toBe('applied')
    const guest = await signUp(t, 'Åse Ødegård')
    expect((await changeAs(t, guest.email, 'registration.register', { eventId, answers: {} })).status).toBe('applied')

    const id = registrationId(eventId, guest.id)
    expect(id.length).toBeGreaterThan(64)
    expect(IdSchema.safeParse(id).success).toBe(true)
    const scan = (deviceId: string) => ({
      id: randomUUID(),
      eventId,
      registrationId: id,
      deviceId,
      scannedAt: new Date().toISOString(),
      method: 'scan' as const,
    })
    const first = await changeAs(t, COORDINATOR, 'checkIn.record', { scan: scan('phone-a') })
    expect(first).toMatchObject({ status: 'applied' })
    expect((await changeAs(t, COORDINATOR, 'checkIn.record', { scan: scan('phone-b') })).status).toBe('applied')

    const rows = await t.db
      .selectFrom('checkIn')
      .select(['deviceId', 'verdict'])
      .where('eventId', '=', eventId)
      .orderBy('correctedAt')
      .execute()
    expect(rows).toEqual([
      { deviceId: 'phone-a', verdict: 'admitted' },
      { deviceId: 'phone-b', verdict: 'duplicate' },
    ])
    const own = await pullEverything(t, guest.cookie)
    expect(own.changes.find((c) => c.entity === 'registration' && c.id === id)?.data).toMatchObject({
      checkedInAt: expect.any(String),
    })
  })

  it('refuses an event id too long to derive a registration from, naming the field', async () => {
    const result = await changeAs(t, COORDINATOR, 'event.save', {
      event: {
        id: 'e'.repeat(65),
        networkId,
        type: 'social',
        title: 'For lang id',
        description: '',
        startsAt: new Date().toISOString(),
        endsAt: new Date().toISOString(),
        place: '',
        city: '',
        capacity: null,
        status: 'draft',
        audience: 'open',
      },
    })
    expect(result.problem).toMatchObject({
      type: expect.stringMatching(/validation/),
      errors: [{ path: expect.arrayContaining(['event', 'id']) }],
    })
  })
})
