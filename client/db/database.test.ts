import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { createDatabase, DEVICE_SCHEMA_VERSION } from './database.ts'

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
    await db.members.put({ _key: 'member:p1', _scope: 'network:n1:members', id: 'p1', role: 'admin' } as never)
    expect(await db.members.where('[_scope+role]').equals(['network:n1:members', 'admin']).count()).toBe(1)
    expect(await db.newsletters.count()).toBe(0)
    db.close()
  })
})
