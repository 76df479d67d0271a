import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createDatabase } from '../db/database.ts'
import { createApi } from '../api/client.ts'
import { enqueueMutation } from './outbox.ts'
import { pushOutbox } from './pushOutbox.ts'
import type { MutationResult } from '../../shared/sync/protocol.ts'

const FORBIDDEN = { type: 'urn:alumni:problem:forbidden', title: 'Not allowed', status: 403 }

/** An API whose push answers with `decide(name)` for each change: a stand-in for the server (the db tests use the real one). */
function answering(decide: (name: string) => MutationResult['status']) {
  return createApi(async (_input, init) => {
    const body = JSON.parse(String(init!.body)) as { mutations: { id: number; name: string }[] }
    const results = body.mutations.map(({ id, name }) =>
      decide(name) === 'rejected' ? { id, status: 'rejected', problem: FORBIDDEN } : { id, status: 'applied' },
    )
    return Response.json({ results, lastMutationId: body.mutations.at(-1)!.id })
  }, 'http://localhost/api')
}

let n = 0
async function device() {
  const db = createDatabase(`push-unit-${++n}`)
  await db.networks.put({ _key: 'public|net-a', _scope: 'public', id: 'net-a', purpose: 'Før' } as never)
  await db.events.put({ _key: 'public|ev-a', _scope: 'public', id: 'ev-a', capacity: 10, registeredCount: 0 } as never)
  return db
}

describe('settling the answers to a push', () => {
  it('puts back the server row when two refused edits of it are answered at once', async () => {
    const db = await device()
    await enqueueMutation(db, 'p1', 'network.update', { networkId: 'net-a', patch: { purpose: 'Én' } })
    await enqueueMutation(db, 'p1', 'network.update', { networkId: 'net-a', patch: { purpose: 'To' } })
    expect(
      await pushOutbox(
        db,
        answering(() => 'rejected'),
        'p1',
      ),
    ).toMatchObject({ rejected: 2 })
    expect((await db.networks.get('public|net-a'))!.purpose).toBe('Før')
    expect(await db.rejected.count()).toBe(2)
  })

  it('drops what a change applied on top of a refused one left, since the server did nothing to show', async () => {
    const db = await device()
    // Refused (not a member), then a cancel the server takes as a no-op: no row exists there, so none may stay here.
    await enqueueMutation(db, 'p1', 'registration.register', { eventId: 'ev-a', answers: {} })
    await enqueueMutation(db, 'p1', 'registration.cancel', { eventId: 'ev-a' })
    expect(await db.registrations.count()).toBe(1)
    const api = answering((name) => (name === 'registration.register' ? 'rejected' : 'applied'))
    expect(await pushOutbox(db, api, 'p1')).toMatchObject({ applied: 1, rejected: 1 })
    expect(await db.registrations.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
  })

  it('keeps what an applied change shows when nothing before it was refused (the pull brings the rest)', async () => {
    const db = await device()
    await enqueueMutation(db, 'p1', 'network.update', { networkId: 'net-a', patch: { purpose: 'Ny' } })
    await pushOutbox(
      db,
      answering(() => 'applied'),
      'p1',
    )
    expect((await db.networks.get('public|net-a'))!.purpose).toBe('Ny')
  })
})
