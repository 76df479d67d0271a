import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { createDatabase } from '../db/database.ts'
import { enqueueMutation } from './outbox.ts'

let n = 0
async function deviceWithNetwork() {
  const db = createDatabase(`outbox-unit-${++n}`)
  await db.networks.put({ _key: 'public|net-a', _scope: 'public', id: 'net-a', purpose: 'Før' } as never)
  return db
}

describe('the outbox', () => {
  it('writes the local change and its outbox entry together, with increasing ids', async () => {
    const db = await deviceWithNetwork()
    const first = await enqueueMutation(db, 'p1', 'network.update', { networkId: 'net-a', patch: { purpose: 'Én' } })
    const second = await enqueueMutation(db, 'p1', 'network.update', { networkId: 'net-a', patch: { purpose: 'To' } })
    expect([first.id, second.id]).toEqual([1, 2])
    expect((await db.networks.get('public|net-a'))!.purpose).toBe('To')
    expect(first.undo[0]!.before).toMatchObject({ purpose: 'Før' })
    expect(first.keys).toEqual(['networks|public|net-a'])
  })

  it('writes neither when the local change fails', async () => {
    const db = await deviceWithNetwork()
    await db.networks.hook('updating', () => {
      throw new Error('disk full')
    })
    await db.networks.hook('creating', () => {
      throw new Error('disk full')
    })
    await expect(
      enqueueMutation(db, 'p1', 'network.update', { networkId: 'net-a', patch: { purpose: 'x' } }),
    ).rejects.toThrow()
    expect(await db.outbox.count()).toBe(0)
  })

  it("numbers each person's changes separately on a shared device", async () => {
    const db = await deviceWithNetwork()
    const a = await enqueueMutation(db, 'p1', 'network.update', { networkId: 'net-a', patch: { purpose: 'a' } })
    const b = await enqueueMutation(db, 'p2', 'network.update', { networkId: 'net-a', patch: { purpose: 'b' } })
    expect(a.id).toBe(1)
    expect(b.id).toBe(1)
    expect(a.clientId).not.toBe(b.clientId)
  })
})
