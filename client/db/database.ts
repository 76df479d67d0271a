import Dexie, { type Table } from 'dexie'
import type { Institution, Faculty } from '../../shared/schemas/faculty.ts'
import type { Network, BoardSeat, Group } from '../../shared/schemas/network.ts'
import type { Event, Registration } from '../../shared/schemas/event.ts'
import type { Attendee, CheckIn } from '../../shared/schemas/checkIn.ts'
import type { NotificationSettings } from '../../shared/schemas/push.ts'
import type { Newsletter } from '../../shared/schemas/newsletter.ts'
import type { JoinRequest, MemberEntry, Membership, Profile } from '../../shared/schemas/person.ts'
import type { Education } from '../../shared/schemas/education.ts'
import type { Problem } from '../../shared/problem.ts'
import { ENTITY_TABLES, type EntityTable } from '../../shared/sync/entityTables.ts'

/**
 * A synced row as stored on the device: the server's row plus the scope it
 * came in (`_scope`) and a key unique across scopes (`_key` = scope|id), so
 * a scope can be dropped without touching the same row held through another.
 */
export type Synced<T> = T & { _key: string; _scope: string }

/** How to put a row back if the server refuses the change that altered it. */
export interface UndoStep {
  table: EntityTable
  key: string
  before: Record<string, unknown> | null
}

/** A change made on this device and not yet handled by the server. */
export interface OutboxEntry {
  /** The mutation id: increasing per client id, the server's idempotency key. */
  id: number
  clientId: string
  name: string
  args: unknown
  /** `table|_key` of every local row it changed, to hold back pulls that would overwrite them. */
  keys: string[]
  undo: UndoStep[]
  createdAt: string
  /** Whom or what the change is about, in words the person recognises ("Lise Sent"): kept with a refusal, never sent. */
  about?: string
}

/** The outbox key of an entry. */
export function outboxKey(entry: Pick<OutboxEntry, 'clientId' | 'id'>): [string, number] {
  return [entry.clientId, entry.id]
}

/** A change the server refused, kept with the reason until the person dismisses it. */
export interface RejectedEntry {
  seq?: number
  id: number
  name: string
  args: unknown
  problem: Problem
  rejectedAt: string
  /** The entry's `about`, so a refusal names whom it concerned after the rows it changed are gone. */
  about?: string
}

export type AlumniDb = Dexie & {
  institutions: Table<Synced<Institution>, string>
  faculties: Table<Synced<Faculty>, string>
  networks: Table<Synced<Network>, string>
  boardSeats: Table<Synced<BoardSeat>, string>
  groups: Table<Synced<Group>, string>
  events: Table<Synced<Event>, string>
  registrations: Table<Synced<Registration>, string>
  attendees: Table<Synced<Attendee>, string>
  checkIns: Table<Synced<CheckIn>, string>
  notificationSettings: Table<Synced<NotificationSettings>, string>
  newsletters: Table<Synced<Newsletter>, string>
  profiles: Table<Synced<Profile>, string>
  memberships: Table<Synced<Membership>, string>
  educations: Table<Synced<Education>, string>
  joinRequests: Table<Synced<JoinRequest>, string>
  members: Table<Synced<MemberEntry>, string>
  outbox: Table<OutboxEntry, [string, number]>
  rejected: Table<RejectedEntry, number>
  meta: Table<{ key: string; value: unknown }, string>
}

/** The tables that hold synced rows, by their entity's table name. */
export const SYNCED_TABLES: readonly EntityTable[] = Object.values(ENTITY_TABLES)

/** Opens the device's database. A name other than the default keeps tests apart. */
export function createDatabase(name = 'alumni'): AlumniDb {
  const db = new Dexie(name) as AlumniDb
  db.version(1).stores({
    institutions: '_key, _scope, id',
    faculties: '_key, _scope, id, institutionId',
    networks: '_key, _scope, id, facultyId, slug',
    boardSeats: '_key, _scope, id, networkId',
    events: '_key, _scope, id, networkId, startsAt',
    profiles: '_key, _scope, id',
    memberships: '_key, _scope, id, networkId, personId',
    // Keyed by client id and mutation id: each person on a shared device numbers their own changes from 1.
    outbox: '[clientId+id], clientId, *keys',
    rejected: '++seq, id',
    meta: 'key',
  })
  db.version(2).stores({
    educations: '_key, _scope, id, personId',
    joinRequests: '_key, _scope, id, networkId',
    members: '_key, _scope, id, networkId, name',
  })
  db.version(3).stores({
    groups: '_key, _scope, id, networkId',
  })
  // Those who run a network, found without reading its whole directory.
  db.version(4).stores({
    members: '_key, _scope, id, networkId, name, [_scope+role]',
  })
  db.version(5).stores({
    registrations: '_key, _scope, id, eventId, personId',
  })
  // The scanner kit: a ticket is looked up by its id; arrivals are counted per event.
  db.version(6).stores({
    attendees: '_key, _scope, id, eventId, ticketId',
    checkIns: '_key, _scope, id, eventId, registrationId',
  })
  db.version(7).stores({
    notificationSettings: '_key, _scope, id',
  })
  db.version(8).stores({
    newsletters: '_key, _scope, id, networkId',
  })
  return db
}

export const db = createDatabase()
