import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, type TestApp } from '../helpers/testApp.ts'
import { PullResponseSchema, PushResponseSchema, type PullResponse } from '../../shared/sync/protocol.ts'
import { changeRecorder } from '../../server/sync/changeLog.ts'
import { pruneTombstones } from '../../server/sync/pull.ts'
import { networkMembersScope, userScope } from '../../shared/sync/scopes.ts'
import { ENTITY_SCHEMAS, isEntityName } from '../../shared/sync/entities.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const ADMIN = 'admin@demo.example'
const ALUMN = 'alumn@demo.example'

describe.each(TEST_DATABASES)('sync on %s', (kind) => {
  let t: TestApp
  let adminCookie: string
  let clientSeq = 0
  const newClientId = () => `client-${kind}-${++clientSeq}-${Date.now()}`

  beforeAll(async () => {
    t = await createTestApp(kind)
    adminCookie = await t.signIn(ADMIN)
  })
  afterAll(async () => {
    await t.close()
  })

  async function push(cookie: string, clientId: string, mutations: { id: number; name: string; args: unknown }[]) {
    const res = await t.request('/api/sync/push', {
      method: 'POST',
      cookie,
      json: { clientId, protocolVersion, mutations },
    })
    expect(res.status).toBe(200)
    return PushResponseSchema.parse(await res.json())
  }

  async function pull(
    cookie: string | undefined,
    cursors: Record<string, number>,
    limit = 1000,
  ): Promise<PullResponse> {
    const res = await t.request('/api/sync/pull', { method: 'POST', cookie, json: { protocolVersion, cursors, limit } })
    expect(res.status).toBe(200)
    return PullResponseSchema.parse(await res.json())
  }

  /** Pulls every page, as a device does, and returns the final cursors and all changes seen. */
  async function pullAll(cookie: string | undefined, cursors: Record<string, number>, limit = 1000) {
    const changes: PullResponse['changes'] = []
    const dropped: string[] = []
    let response: PullResponse
    do {
      response = await pull(cookie, cursors, limit)
      changes.push(...response.changes)
      dropped.push(...response.dropScopes)
      cursors = response.cursors
    } while (response.hasMore)
    return { cursors, changes, dropped }
  }

  const purposeEdit = (id: number, purpose: string) => ({
    id,
    name: 'network.update',
    args: { networkId: labelledId('net-ximk'), patch: { purpose } },
  })

  it('applies a duplicated push once and answers the duplicate with the stored result', async () => {
    const clientId = newClientId()
    const { cursors } = await pullAll(adminCookie, {})
    const first = await push(adminCookie, clientId, [purposeEdit(1, 'Første versjon')])
    const again = await push(adminCookie, clientId, [purposeEdit(1, 'Første versjon')])
    expect(first).toEqual({ results: [{ id: 1, status: 'applied' }], lastMutationId: 1 })
    expect(again).toEqual(first)
    const { changes } = await pullAll(adminCookie, cursors)
    expect(changes.filter((c) => c.entity === 'network' && c.id === labelledId('net-ximk'))).toHaveLength(1)
    const handled = await t.db.selectFrom('syncMutation').selectAll().where('clientId', '=', clientId).execute()
    expect(handled).toHaveLength(1)
  })

  it('keeps a change whose response was lost: the resend is answered, not applied again', async () => {
    const clientId = newClientId()
    await push(adminCookie, clientId, [purposeEdit(1, 'A'), purposeEdit(2, 'B')])
    // The response never reached the device; it resends both plus a new one.
    const resend = await push(adminCookie, clientId, [purposeEdit(1, 'A'), purposeEdit(2, 'B'), purposeEdit(3, 'C')])
    expect(resend.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    expect(resend.lastMutationId).toBe(3)
    const network = await t.db
      .selectFrom('network')
      .select('purpose')
      .where('id', '=', labelledId('net-ximk'))
      .executeTakeFirstOrThrow()
    // Had 1 or 2 been applied again after 3, the page would not end on C.
    expect(network.purpose).toBe('C')
  })

  it('refuses a gap in mutation ids and applies nothing past it until the missing one arrives', async () => {
    const clientId = newClientId()
    await push(adminCookie, clientId, [purposeEdit(1, 'one')])
    const gap = await push(adminCookie, clientId, [purposeEdit(3, 'three')])
    expect(gap).toEqual({ results: [], lastMutationId: 1 })
    const filled = await push(adminCookie, clientId, [purposeEdit(2, 'two'), purposeEdit(3, 'three')])
    expect(filled.lastMutationId).toBe(3)
  })

  it('rejects a batch whose ids do not increase, naming the field', async () => {
    const res = await t.request('/api/sync/push', {
      method: 'POST',
      cookie: adminCookie,
      json: { clientId: newClientId(), protocolVersion, mutations: [purposeEdit(2, 'x'), purposeEdit(1, 'y')] },
    })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect((await res.json()).errors[0].path).toEqual(['body', 'mutations'])
  })

  it('records a refused change as rejected with its reason, and moves on to the next', async () => {
    const alumnCookie = await t.signIn(ALUMN)
    const clientId = newClientId()
    const response = await push(alumnCookie, clientId, [
      purposeEdit(1, 'Not mine to change'),
      { id: 2, name: 'profile.update', args: { patch: { city: 12 } } },
      { id: 3, name: 'no.such.change', args: {} },
      { id: 4, name: 'profile.update', args: { patch: { city: 'Bergen' } } },
    ])
    expect(response.results.map((r) => [r.status, r.problem?.type])).toEqual([
      ['rejected', 'urn:alumni:problem:forbidden'],
      ['rejected', 'urn:alumni:problem:validation'],
      ['rejected', 'urn:alumni:problem:validation'],
      ['applied', undefined],
    ])
    expect(response.results[1]!.problem!.errors![0]!.path).toEqual(['args', 'patch', 'city'])
    expect(response.lastMutationId).toBe(4)
    const network = await t.db
      .selectFrom('network')
      .select('purpose')
      .where('id', '=', labelledId('net-ximk'))
      .executeTakeFirstOrThrow()
    expect(network.purpose).not.toBe('Not mine to change')
    // The rejection is stored: a resend gets the same answer.
    const again = await push(alumnCookie, clientId, [purposeEdit(1, 'Not mine to change')])
    expect(again.results[0]!.problem!.type).toBe('urn:alumni:problem:forbidden')
  })

  it('refuses a device id that belongs to another account', async () => {
    const clientId = newClientId()
    await push(adminCookie, clientId, [purposeEdit(1, 'x')])
    const alumnCookie = await t.signIn(ALUMN)
    const res = await t.request('/api/sync/push', {
      method: 'POST',
      cookie: alumnCookie,
      json: { clientId, protocolVersion, mutations: [] },
    })
    expect(res.status).toBe(403)
  })

  it('asks a client of an unsupported protocol version to update, on pull and push', async () => {
    const pulled = await t.request('/api/sync/pull', { method: 'POST', json: { protocolVersion: 0, cursors: {} } })
    expect(pulled.status).toBe(426)
    expect((await pulled.json()).type).toBe('urn:alumni:problem:client-too-old')
    const pushed = await t.request('/api/sync/push', {
      method: 'POST',
      cookie: adminCookie,
      json: { clientId: newClientId(), protocolVersion: 0, mutations: [purposeEdit(1, 'x')] },
    })
    expect(pushed.status).toBe(426)
  })

  it('pages a first sync and resumes from the cursor, ending with the same rows as one big page', async () => {
    const small = await pullAll(adminCookie, {}, 7)
    const big = await pullAll(adminCookie, {}, 5000)
    const key = (c: { scope: string; entity: string; id: string }) => `${c.scope}|${c.entity}|${c.id}`
    expect(new Set(small.changes.map(key))).toEqual(new Set(big.changes.map(key)))
    expect(small.cursors).toEqual(big.cursors)
  })

  it('sends every synced row in the shape its shared schema describes', async () => {
    const { changes } = await pullAll(adminCookie, {})
    expect(changes.length).toBeGreaterThan(20)
    for (const change of changes) {
      expect(isEntityName(change.entity), change.entity).toBe(true)
      const parsed = ENTITY_SCHEMAS[change.entity as keyof typeof ENTITY_SCHEMAS].safeParse(change.data)
      expect(parsed.success, `${change.entity} ${change.id}: ${parsed.error?.message}`).toBe(true)
    }
  })

  it('gives an anonymous device only public rows, and a signed-in one its own too', async () => {
    const anonymous = await pullAll(undefined, {})
    expect(new Set(anonymous.changes.map((c) => c.scope))).toEqual(new Set(['public']))
    const signedIn = await pullAll(adminCookie, {})
    expect(
      signedIn.changes.some((c) => c.scope === userScope(labelledId('p-demo-admin')) && c.entity === 'profile'),
    ).toBe(true)
    expect(
      signedIn.changes.some((c) => c.scope.startsWith('user:') && c.scope !== userScope(labelledId('p-demo-admin'))),
    ).toBe(false)
  })

  it('propagates a deletion as a tombstone to a device that held the row', async () => {
    const { cursors } = await pullAll(undefined, {})
    await t.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('boardSeat').where('id', '=', labelledId('seat-nhh-1')).execute()
      await changeRecorder(trx, kind).remove('boardSeat', labelledId('seat-nhh-1'))
    })
    const { changes } = await pullAll(undefined, cursors)
    expect(changes).toContainEqual(
      expect.objectContaining({ entity: 'boardSeat', id: labelledId('seat-nhh-1'), op: 'del', data: null }),
    )
    // A device syncing for the first time never hears of it.
    const fresh = await pullAll(undefined, {})
    expect(fresh.changes.some((c) => c.id === labelledId('seat-nhh-1'))).toBe(false)
  })

  it('tombstones a row in the scope it left when it moves to another', async () => {
    const { cursors } = await pullAll(undefined, {})
    const event = await t.db
      .selectFrom('event')
      .selectAll()
      .where('id', '=', labelledId('ev-tf-seminar'))
      .executeTakeFirstOrThrow()
    // Unpublished: it leaves the public scope (a staff scope arrives with events).
    await t.db.transaction().execute((trx) => changeRecorder(trx, kind).remove('event', event.id))
    const { changes } = await pullAll(undefined, cursors)
    expect(changes).toContainEqual(
      expect.objectContaining({ scope: 'public', id: labelledId('ev-tf-seminar'), op: 'del' }),
    )
  })

  it('drops a scope the user may no longer read at the next pull', async () => {
    const alumnCookie = await t.signIn(ALUMN)
    const { cursors } = await pullAll(alumnCookie, {})
    const membersScope = networkMembersScope(labelledId('net-ximk'))
    expect(Object.keys(cursors)).toContain(membersScope)
    await t.db
      .updateTable('membership')
      .set({ status: 'ended' })
      .where('personId', '=', labelledId('p-demo-alumn'))
      .execute()
    const next = await pull(alumnCookie, cursors)
    expect(next.dropScopes).toEqual([membersScope])
    expect(Object.keys(next.cursors)).not.toContain(membersScope)
    await t.db
      .updateTable('membership')
      .set({ status: 'active' })
      .where('personId', '=', labelledId('p-demo-alumn'))
      .execute()
  })

  it('makes a device whose cursor is older than the tombstone horizon read the scope again', async () => {
    const { cursors } = await pullAll(undefined, {})
    await t.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('boardSeat').where('id', '=', labelledId('seat-iakh-5')).execute()
      await changeRecorder(trx, kind).remove('boardSeat', labelledId('seat-iakh-5'))
    })
    // Keep no tombstones at all: the device has slept past the retention.
    await pruneTombstones(t.db, -1)
    const next = await pull(undefined, cursors, 5000)
    expect(next.dropScopes).toEqual(['public'])
    expect(next.changes.some((c) => c.entity === 'network')).toBe(true)
    expect(next.changes.some((c) => c.id === labelledId('seat-iakh-5'))).toBe(false)
  })

  it('tells a device to reset when its cursor is ahead of the server (data replaced)', async () => {
    const response = await pull(undefined, { public: 10_000_000 })
    expect(response.reset).toBe(true)
  })
})
