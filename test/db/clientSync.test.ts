import 'fake-indexeddb/auto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { createDatabase, type AlumniDb } from '../../client/db/database.ts'
import { createApi } from '../../client/api/client.ts'
import { createSyncEngine, type SyncStatus } from '../../client/sync/engine.ts'
import { enqueueMutation } from '../../client/sync/outbox.ts'
import { changeRecorder } from '../../server/sync/changeLog.ts'
import { networkMembersScope } from '../../shared/sync/scopes.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

type Network = 'up' | 'down' | 'drop-response'

/**
 * The device's sync engine (real Dexie over fake-indexeddb) against the real
 * server app in-process. `network` decides what happens to each request:
 * delivered, never sent, or sent and committed but the answer lost.
 */
describe.each(TEST_DATABASES)('device sync against the server on %s', (kind) => {
  let t: TestApp
  let cookie: string
  let network: Network = 'up'
  let deviceCount = 0

  beforeAll(async () => {
    t = await createTestApp(kind)
    cookie = await t.signIn('admin@demo.example')
  })
  afterAll(async () => {
    await t.close()
  })
  beforeEach(() => {
    network = 'up'
  })

  function device(personId: string | null = labelledId('p-demo-admin'), asCookie: string | null = cookie) {
    const db: AlumniDb = createDatabase(`device-${kind}-${++deviceCount}`)
    const status: Partial<SyncStatus> = {}
    const fetchFn: typeof fetch = async (input, init) => {
      if (network === 'down') throw new TypeError('Failed to fetch')
      const url = new URL(String(input instanceof Request ? input.url : input))
      const res = await t.request(url.pathname, { ...init, cookie: asCookie ?? undefined })
      if (network === 'drop-response') throw new TypeError('connection reset')
      return res
    }
    const engine = createSyncEngine({
      db,
      api: createApi(fetchFn, 'http://localhost/api'),
      personId: () => personId,
      onStatus: (s) => Object.assign(status, s),
    })
    return { db, engine, status }
  }

  const serverPurpose = async () =>
    (
      await t.db
        .selectFrom('network')
        .select('purpose')
        .where('id', '=', labelledId('net-ximk'))
        .executeTakeFirstOrThrow()
    ).purpose

  it('first sync fills the device with public and own rows', async () => {
    const { db, engine } = device()
    await engine.requestSync()
    expect(await db.networks.count()).toBe(7)
    expect((await db.profiles.toArray()).map((p) => p.id)).toEqual([labelledId('p-demo-admin')])
  })

  it('keeps a change made offline until the server applies it, then applies it once', async () => {
    const { db, engine, status } = device()
    await engine.requestSync()
    network = 'down'
    await enqueueMutation(db, labelledId('p-demo-admin'), 'network.update', {
      networkId: labelledId('net-ximk'),
      patch: { purpose: 'Skrevet uten nett' },
    })
    await engine.requestSync()
    expect(status.isReachable).toBe(false)
    expect(await db.outbox.count()).toBe(1)
    expect((await db.networks.where('id').equals(labelledId('net-ximk')).first())!.purpose).toBe('Skrevet uten nett')
    network = 'up'
    await engine.requestSync()
    expect(await db.outbox.count()).toBe(0)
    expect(await serverPurpose()).toBe('Skrevet uten nett')
  })

  it('survives a lost answer after the server committed: the resend is not applied twice', async () => {
    const { db, engine } = device()
    await engine.requestSync()
    await enqueueMutation(db, labelledId('p-demo-admin'), 'network.update', {
      networkId: labelledId('net-ximk'),
      patch: { purpose: 'Først' },
    })
    network = 'drop-response'
    await engine.requestSync()
    expect(await db.outbox.count()).toBe(1)
    // Someone else changes the page meanwhile; a second application of "Først" would overwrite it.
    const other = device()
    await enqueueMutation(other.db, labelledId('p-demo-admin'), 'network.update', {
      networkId: labelledId('net-ximk'),
      patch: { purpose: 'Senere' },
    })
    network = 'up'
    await other.engine.requestSync()
    await engine.requestSync()
    expect(await db.outbox.count()).toBe(0)
    expect(await serverPurpose()).toBe('Senere')
    expect((await db.networks.where('id').equals(labelledId('net-ximk')).first())!.purpose).toBe('Senere')
  })

  it('shows a refused change with its reason, keeps it until dismissed, and puts the row back', async () => {
    const alumnCookie = await t.signIn('alumn@demo.example')
    const { db, engine } = device(labelledId('p-demo-alumn'), alumnCookie)
    await engine.requestSync()
    const before = (await db.networks.where('id').equals(labelledId('net-ximk')).first())!.purpose
    await enqueueMutation(db, labelledId('p-demo-alumn'), 'network.update', {
      networkId: labelledId('net-ximk'),
      patch: { purpose: 'Ikke lov' },
    })
    await engine.requestSync()
    expect(await db.outbox.count()).toBe(0)
    const rejected = await db.rejected.toArray()
    expect(rejected).toHaveLength(1)
    expect(rejected[0]!.problem.type).toBe('urn:alumni:problem:forbidden')
    expect((await db.networks.where('id').equals(labelledId('net-ximk')).first())!.purpose).toBe(before)
  })

  it('does not let a pull overwrite a change still waiting to be sent', async () => {
    const { db, engine } = device()
    await engine.requestSync()
    network = 'down'
    await enqueueMutation(db, labelledId('p-demo-admin'), 'network.update', {
      networkId: labelledId('net-ximk'),
      patch: { activities: ['Lokal endring'] },
    })
    network = 'up'
    // Another device changes the same row first; this device pulls before its push lands.
    const other = device()
    await enqueueMutation(other.db, labelledId('p-demo-admin'), 'network.update', {
      networkId: labelledId('net-ximk'),
      patch: { purpose: 'Fra en annen' },
    })
    await other.engine.requestSync()
    await engine.requestSync()
    const row = (await db.networks.where('id').equals(labelledId('net-ximk')).first())!
    expect(row.activities).toEqual(['Lokal endring'])
    expect(row.purpose).toBe('Fra en annen')
  })

  it('removes a deleted row from the device and a scope the user lost', async () => {
    const { db, engine } = device()
    await engine.requestSync()
    expect(await db.boardSeats.where('id').equals(labelledId('seat-ximk-2')).count()).toBe(1)
    await t.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('boardSeat').where('id', '=', labelledId('seat-ximk-2')).execute()
      await changeRecorder(trx, kind).remove('boardSeat', labelledId('seat-ximk-2'))
    })
    await engine.requestSync()
    expect(await db.boardSeats.where('id').equals(labelledId('seat-ximk-2')).count()).toBe(0)
  })

  it('survives the server replacing its data: the device resets but keeps its outbox', async () => {
    const { db, engine } = device()
    await engine.requestSync()
    network = 'down'
    await enqueueMutation(db, labelledId('p-demo-admin'), 'profile.update', { patch: { city: 'Tromsø' } })
    const cursors = (await db.meta.get('cursors'))!.value as Record<string, number>
    await db.meta.put({ key: 'cursors', value: Object.fromEntries(Object.keys(cursors).map((k) => [k, 99_999_999])) })
    network = 'up'
    await engine.requestSync()
    expect(await db.networks.count()).toBe(7)
    expect(await db.outbox.count()).toBe(0)
    const person = await t.db
      .selectFrom('person')
      .select('city')
      .where('id', '=', labelledId('p-demo-admin'))
      .executeTakeFirstOrThrow()
    expect(person.city).toBe('Tromsø')
  })

  it('holds no member-only scope for a signed-out visitor', async () => {
    const { db, engine } = device(null, null)
    await engine.requestSync()
    const cursors = (await db.meta.get('cursors'))!.value as Record<string, number>
    expect(Object.keys(cursors)).toEqual(['public'])
    expect(Object.keys(cursors)).not.toContain(networkMembersScope(labelledId('net-ximk')))
  })
})
