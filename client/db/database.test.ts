import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { createDatabase, DEVICE_SCHEMA_VERSION } from './database.ts'
import { putRow } from '../sync/localRows.ts'

/** The device database's versions as phones installed them before features declared their own tables. */
const INSTALLED_HISTORY: Record<string, string | null>[] = [
  {
    institutions: '_key, _scope, id',
    faculties: '_key, _scope, id, institutionId',
    networks: '_key, _scope, id, facultyId, slug',
    boardSeats: '_key, _scope, id, networkId',
    events: '_key, _scope, id, networkId, startsAt',
    profiles: '_key, _scope, id',
    memberships: '_key, _scope, id, networkId, personId',
    outbox: '[clientId+id], clientId, *keys',
    rejected: '++seq, id',
    meta: 'key',
  },
  {
    educations: '_key, _scope, id, personId',
    joinRequests: '_key, _scope, id, networkId',
    members: '_key, _scope, id, networkId, name',
  },
  { groups: '_key, _scope, id, networkId' },
  { members: '_key, _scope, id, networkId, name, [_scope+role]' },
  { registrations: '_key, _scope, id, eventId, personId' },
  {
    attendees: '_key, _scope, id, eventId, ticketId',
    checkIns: '_key, _scope, id, eventId, registrationId',
  },
  { notificationSettings: '_key, _scope, id' },
  { newsletters: '_key, _scope, id, networkId' },
  // No `_scope` index (a scope's rows are a range of the key); `members` keeps only a sparse index.
  {
    institutions: '_key, id',
    faculties: '_key, id, institutionId',
    networks: '_key, id, facultyId, slug',
    boardSeats: '_key, id, networkId',
    events: '_key, id, networkId, startsAt',
    profiles: '_key, id',
    memberships: '_key, id, networkId, personId',
    educations: '_key, id, personId',
    joinRequests: '_key, id, networkId',
    members: '_key, id, _runs',
    groups: '_key, id, networkId',
    registrations: '_key, id, eventId, personId',
    attendees: '_key, id, eventId, ticketId',
    checkIns: '_key, id, eventId, registrationId',
    notificationSettings: '_key, id',
    newsletters: '_key, id, networkId',
  },
]

function installedAt(name: string, version: number): Dexie {
  const db = new Dexie(name)
  INSTALLED_HISTORY.slice(0, version).forEach((stores, i) => db.version(i + 1).stores(stores))
  return db
}

function layout(db: Dexie): Record<string, string[]> {
  return Object.fromEntries(
    db.tables.map((table) => [
      table.name,
      [table.schema.primKey.src, ...table.schema.indexes.map((index) => index.src)].sort(),
    ]),
  )
}

describe('the device database', () => {
  it('declares the same tables and indexes a phone that followed every version holds', async () => {
    const old = installedAt('layout-old', INSTALLED_HISTORY.length)
    await old.open()
    const current = createDatabase('layout-new')
    await current.open()
    expect(DEVICE_SCHEMA_VERSION).toBe(INSTALLED_HISTORY.length)
    expect(layout(current)).toEqual(layout(old))
    old.close()
    current.close()
  })

  it('opens a database installed at an older version with its rows kept and the later tables added', async () => {
    const old = installedAt('upgrade', 3)
    await old.open()
    await old.table('networks').put({ _key: 'network:n1', _scope: 'public', id: 'n1', slug: 'x-imk' })
    await old.table('outbox').put({ clientId: 'c1', id: 1, name: 'network.join', keys: ['network:n1'] })
    old.close()

    const db = createDatabase('upgrade')
    await db.open()
    expect(await db.networks.where('slug').equals('x-imk').count()).toBe(1)
    expect(await db.outbox.count()).toBe(1)
    await putRow(db, 'members', 'network:n1:members', { id: 'p1', name: 'Ada', role: 'admin' })
    expect(await db.members.where('_runs').equals('network:n1:members').count()).toBe(1)
    expect(await db.newsletters.count()).toBe(0)
    db.close()
  })

  it('drops the indexes version 9 removed from a database installed at version 8, keeping its rows', async () => {
    const old = installedAt('drop-indexes', 8)
    await old.open()
    await old.table('members').bulkPut(
      ['board', 'member'].map((role, i) => ({
        _key: `network:n1:members|p${i}`,
        _scope: 'network:n1:members',
        id: `p${i}`,
        name: `P${i}`,
        role,
      })),
    )
    old.close()

    const db = createDatabase('drop-indexes')
    await db.open()
    expect(layout(db).members).toEqual(['_key', '_runs', 'id'])
    expect(layout(db).networks).toEqual(['_key', 'facultyId', 'id', 'slug'])
    expect(await db.members.where('_key').startsWith('network:n1:members|').count()).toBe(2)
    // The board member is in the new sparse index; the member is not.
    expect((await db.members.where('_runs').equals('network:n1:members').toArray()).map((m) => m.id)).toEqual(['p0'])
    db.close()
  })
})
