import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { appNetwork, changeAs, createTestApp, protocolVersion, signUp, type TestApp } from '../helpers/testApp.ts'
import { eventReader } from '../helpers/eventStream.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { MUTATIONS_PER_MINUTE, NEW_CLIENTS_PER_DAY, pruneMutationResults } from '../../server/sync/push.ts'
import type { PushResponse } from '../../shared/sync/protocol.ts'

const COORDINATOR = 'koordinator@demo.example'

/** Findings 5 and 11 of "Hardened": one account cannot fill the disk, and a stream ends with the session or role it was opened with. */
describe.each(TEST_DATABASES)('bounded storage and streams on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  const push = (cookie: string, clientId: string, mutations: { id: number; name: string; args: unknown }[]) =>
    t.request('/api/sync/push', { method: 'POST', cookie, json: { clientId, protocolVersion, mutations } })

  it(`stores at most ${MUTATIONS_PER_MINUTE} changes a minute from one account, refusing the rest with 429 and losing none`, async () => {
    // One fixed minute, so the budget's window cannot roll over mid-test.
    vi.useFakeTimers({ toFake: ['Date'], now: Math.ceil(Date.now() / 60_000) * 60_000 + 1000 })
    try {
      const person = await signUp(t, 'Flom Fylling')
      const clientId = randomUUID()
      let next = 1
      let refused = 0
      for (let round = 0; round < 6; round++) {
        const mutations = Array.from({ length: 500 }, (_, i) => ({
          id: next + i,
          name: 'education.remove',
          args: { educationId: randomUUID() },
        }))
        const res = await push(person.cookie, clientId, mutations)
        if (res.status === 200) {
          next += 500
          continue
        }
        expect(res.status).toBe(429)
        expect((await res.json()).type).toMatch(/rate-limited/)
        refused++
      }
      expect(refused).toBeGreaterThan(0)
      const stored = await t.db
        .selectFrom('syncMutation')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('clientId', '=', clientId)
        .executeTakeFirstOrThrow()
      expect(Number(stored.n)).toBeLessThanOrEqual(MUTATIONS_PER_MINUTE)
      expect(Number(stored.n)).toBe(next - 1)
      // The device kept what was refused; a minute later it goes through, in order.
      vi.setSystemTime(Date.now() + 61_000)
      const later = await push(person.cookie, clientId, [
        { id: next, name: 'profile.update', args: { patch: { city: 'Flåm' } } },
      ])
      expect(((await later.json()) as PushResponse).results).toEqual([{ id: next, status: 'applied' }])
    } finally {
      vi.useRealTimers()
    }
  })

  it('keeps a refusal small: an unknown name is not stored, nor a long detail', async () => {
    const person = await signUp(t, 'Navn Ukjent')
    const clientId = randomUUID()
    const res = await push(person.cookie, clientId, [{ id: 1, name: 'x'.repeat(100), args: {} }])
    expect(((await res.json()) as PushResponse).results[0]!.status).toBe('rejected')
    const row = await t.db
      .selectFrom('syncMutation')
      .select(['name', 'problem'])
      .where('clientId', '=', clientId)
      .executeTakeFirstOrThrow()
    expect(row.name).toBe('(unknown)')
    expect(row.problem!.length).toBeLessThan(1000)
  })

  it('forgets handled results past the retention, and a late resend is still not applied twice', async () => {
    const person = await signUp(t, 'Sen Sender')
    const clientId = randomUUID()
    const once = [{ id: 1, name: 'profile.update', args: { patch: { city: 'Tromsø' } } }]
    expect(((await (await push(person.cookie, clientId, once)).json()) as PushResponse).results[0]!.status).toBe(
      'applied',
    )
    await changeAs(t, person.email, 'profile.update', { patch: { city: 'Bodø' } })
    expect(await pruneMutationResults(t.db, 30, new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThan(0)
    expect(await t.db.selectFrom('syncMutation').select('clientId').where('clientId', '=', clientId).execute()).toEqual(
      [],
    )
    const resent = (await (await push(person.cookie, clientId, once)).json()) as PushResponse
    expect(resent).toEqual({ results: [{ id: 1, status: 'applied' }], lastMutationId: 1 })
    expect(
      (await t.db.selectFrom('person').select('city').where('id', '=', person.id).executeTakeFirstOrThrow()).city,
    ).toBe('Bodø')
  })

  it(`lets one account start at most ${NEW_CLIENTS_PER_DAY} device ids a day`, async () => {
    const person = await signUp(t, 'Mange Enheter')
    const statuses = new Set<number>()
    // Signing up made one already (the name).
    for (let i = 1; i < NEW_CLIENTS_PER_DAY; i++)
      statuses.add(
        (
          await push(person.cookie, randomUUID(), [
            { id: 1, name: 'profile.update', args: { patch: { city: 'Oslo' } } },
          ])
        ).status,
      )
    expect([...statuses]).toEqual([200])
    expect(
      (await push(person.cookie, randomUUID(), [{ id: 1, name: 'profile.update', args: { patch: { city: 'Oslo' } } }]))
        .status,
    ).toBe(429)
  })

  it('ends an open stream once its session is signed out everywhere, before it hints at anything more', async () => {
    const board = await t.signIn('styre@demo.example')
    const stream = eventReader(await t.request('/api/sync/events', { cookie: board }))
    expect(await stream.next()).toBe('ready')
    expect((await t.request('/api/auth/sign-out-everywhere', { method: 'POST', cookie: board })).status).toBe(200)
    await changeAs(t, 'admin@demo.example', 'network.update', {
      networkId: labelledId('net-ximk'),
      patch: { purpose: 'Etter utlogging' },
    })
    expect(await stream.next(3000)).toBeNull()
    expect(await stream.closes()).toBe(true)
  })

  it('ends an open stream when its person loses the role whose scope it listened to', async () => {
    const person = await signUp(t, 'Kort Styreverv')
    const { id: networkId } = await appNetwork(t, COORDINATOR, 'Strømfag', [person.email])
    expect(
      (await changeAs(t, COORDINATOR, 'membership.setRole', { networkId, personId: person.id, role: 'board' })).problem,
    ).toBeUndefined()
    const stream = eventReader(await t.request('/api/sync/events', { cookie: person.cookie }))
    expect(await stream.next()).toBe('ready')
    expect(
      (await changeAs(t, COORDINATOR, 'membership.setRole', { networkId, personId: person.id, role: 'member' })).status,
    ).toBe('applied')
    // The change itself is hinted (the device pulls and learns it lost the role), then the stream ends.
    expect(await stream.next()).toBe('changed')
    expect(await stream.closes()).toBe(true)
  })

  it('refuses a seventh open stream on one session with 429', async () => {
    const alumn = await t.signIn('alumn@demo.example')
    const open = await Promise.all(Array.from({ length: 6 }, () => t.request('/api/sync/events', { cookie: alumn })))
    expect(open.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200])
    const seventh = await t.request('/api/sync/events', { cookie: alumn })
    expect(seventh.status).toBe(429)
    await Promise.all(open.map((r) => r.body!.cancel()))
  })

  it('takes mutation ids past 32 bits, as the protocol allows up to 2^53 - 1', async () => {
    const person = await signUp(t, 'Lang Teller')
    const clientId = randomUUID()
    expect(
      (await push(person.cookie, clientId, [{ id: 1, name: 'profile.update', args: { patch: { city: 'Hamar' } } }]))
        .status,
    ).toBe(200)
    const far = 2 ** 40
    await t.db.updateTable('syncClient').set({ lastMutationId: far }).where('clientId', '=', clientId).execute()
    const res = await push(person.cookie, clientId, [
      { id: far + 1, name: 'profile.update', args: { patch: { city: 'Gjøvik' } } },
    ])
    expect(await res.json()).toEqual({ results: [{ id: far + 1, status: 'applied' }], lastMutationId: far + 1 })
  })
})
