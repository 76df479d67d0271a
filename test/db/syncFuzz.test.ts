import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { appNetwork, changeAs, createTestApp, pullEverything, signUp, type TestApp } from '../helpers/testApp.ts'
import { seededRandom } from '../helpers/fuzzArgs.ts'
import { createDatabase, SYNCED_TABLES, type AlumniDb } from '../../client/db/database.ts'
import { createApi } from '../../client/api/client.ts'
import { createSyncEngine, type SyncEngine, type SyncStatus } from '../../client/sync/engine.ts'
import { enqueueMutation } from '../../client/sync/outbox.ts'
import { ENTITY_TABLES, isEntityName } from '../../client/db/stores.ts'
import { rowKey } from '../../client/db/database.ts'
import type { MutationArgs, MutationName } from '../../shared/sync/mutations.ts'

/**
 * A seeded sync fuzzer, after tldraw's: 2–6 phones (the real client engine,
 * Dexie over fake-indexeddb) against the real server, doing random things a
 * fagdag brings: offline edits, registrations for an event with 1–3 places,
 * door scans from two phones, role changes and removals, an account erased
 * mid-sync, answers lost after the server committed, connections dropped,
 * the server restarted. After every step the invariants below are checked;
 * at the end every phone comes online and must converge on the server's view
 * of its scopes.
 *
 * `SYNC_FUZZ_SEEDS=2000` runs more; `SYNC_FUZZ_SEED=n` runs one seed (to
 * debug a failure, whose message names its seed and lists its steps;
 * `FUZZ_DEBUG=1` also prints the rows when a phone holds one it may not see). Seeds that once failed are
 * pinned below, so they run on every CI.
 */
const SEEDS = Number(process.env.SYNC_FUZZ_SEEDS ?? 200)
const ONLY = process.env.SYNC_FUZZ_SEED ? [Number(process.env.SYNC_FUZZ_SEED)] : null
const STEPS = 24
/**
 * Seeds that found a bug once, kept as regression tests whatever SYNC_FUZZ_SEEDS says:
 * 21: two refused edits of one row, settled in one answer, left the first one's text on the phone;
 * 77: a cancel the server applied (as a no-op) on top of a refused registration left the phone's row for ever.
 */
const PINNED = [21, 77]
const COORDINATOR = 'koordinator@demo.example'

type Link = 'up' | 'down' | 'drop'
interface Person {
  id: string
  email: string
  cookie: string
  isErased: boolean
}
interface Phone {
  label: string
  person: Person
  db: AlumniDb
  engine: SyncEngine
  status: Partial<SyncStatus>
  link: Link
  /** Every change this phone queued, by the (clientId, mutation id) the server keys it by. */
  queued: { clientId: string; id: number; name: string }[]
  deviceId: string
}

const seeds = ONLY ?? [...new Set([...PINNED, ...Array.from({ length: SEEDS }, (_, i) => i + 1)])]

describe.each(TEST_DATABASES)('sync fuzzed on %s', (kind) => {
  let t: TestApp
  let phones = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t?.close()
  })

  function phoneOf(person: Person, label: string): Phone {
    const db = createDatabase(`fuzz-${kind}-${++phones}`)
    const status: Partial<SyncStatus> = {}
    const phone = { label, person, db, status, link: 'up', queued: [], deviceId: `door-${phones}` } as unknown as Phone
    const fetchFn: typeof fetch = async (input, init) => {
      if (phone.link === 'down') throw new TypeError('Failed to fetch')
      const url = new URL(String(input instanceof Request ? input.url : input))
      const res = await t.request(url.pathname, { ...init, cookie: person.cookie })
      // The server has answered (and committed); the phone never hears it.
      if (phone.link === 'drop') throw new TypeError('connection reset')
      return res
    }
    phone.engine = createSyncEngine({
      db,
      api: createApi(fetchFn, 'http://localhost/api'),
      personId: () => person.id,
      onStatus: (s) => Object.assign(status, s),
    })
    return phone
  }

  it.each(seeds)('seed %i keeps every invariant', { timeout: 60_000 }, async (seed) => {
    const random = seededRandom(seed)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    const phoneCount = 2 + Math.floor(random() * 5)
    const personCount = phoneCount >= 4 ? phoneCount - 1 : phoneCount
    const log: string[] = []
    const fail = (what: string) => {
      throw new Error(`seed ${seed}: ${what}\n  steps:\n    ${log.join('\n    ')}`)
    }

    // In-process requests all come from one address, whose sign-in limit (20 in 15 minutes) the seeds would
    // share, and the coordinator sets up every seed's network from a new device (30 a day): each seed starts
    // with the limits' counts at zero, as if its people and its coordinator were new.
    await t.db
      .deleteFrom('rateLimit')
      .where((eb) => eb.or([eb('key', 'like', '%:ip:%'), eb('key', 'like', 'sync-%')]))
      .execute()
    // The seed's own people and network, made through the app; person 0 runs it.
    const people: Person[] = []
    for (let i = 0; i < personCount; i++) people.push({ ...(await signUp(t, `Fuzz ${seed} ${i}`)), isErased: false })
    const network = await appNetwork(
      t,
      COORDINATOR,
      `Fuzz${seed}`,
      people.map((p) => p.email),
    )
    const staff = people[0]!
    expect(
      (
        await changeAs(t, COORDINATOR, 'membership.setRole', {
          networkId: network.id,
          personId: staff.id,
          role: 'admin',
        })
      ).status,
    ).toBe('applied')
    const eventId = crypto.randomUUID()
    const capacity = 1 + Math.floor(random() * 3)
    const startsAt = new Date(Date.now() + 86_400_000).toISOString()
    const saved = await changeAs(t, COORDINATOR, 'event.save', {
      event: {
        id: eventId,
        networkId: network.id,
        type: 'fagdag',
        title: `Fagdag ${seed}`,
        description: '',
        startsAt,
        endsAt: startsAt,
        place: 'Auditorium 1',
        city: 'Oslo',
        capacity,
        status: 'published',
        audience: 'members',
      },
    })
    expect(saved.status).toBe('applied')

    // Phone 0 and, with four phones or more, the last are the staff's door phones.
    const all: Phone[] = people.map((person, i) => phoneOf(person, `phone ${i}`))
    if (phoneCount > personCount) all.push(phoneOf(staff, `phone ${personCount} (staff's second)`))
    const live = () => all.filter((p) => !p.person.isErased)
    const isStaffPhone = (p: Phone) => p.person === staff
    let erasedId: string | null = null

    async function queue<N extends MutationName>(phone: Phone, name: N, args: MutationArgs<N>): Promise<void> {
      const entry = await enqueueMutation(phone.db, phone.person.id, name, args)
      phone.queued.push({ clientId: entry.clientId, id: entry.id, name })
      log.push(`${phone.label} queues ${name} ${JSON.stringify(args)}`)
    }

    async function sync(phone: Phone): Promise<void> {
      const before = phone.status.lastSyncedAt
      await phone.engine.requestSync()
      log.push(`${phone.label} syncs (${phone.link})${phone.status.lastSyncedAt !== before ? ': done' : ''}`)
      if (phone.status.lastSyncedAt !== before && erasedId && (await phone.db.outbox.count()) === 0)
        await expectNoTrace(phone, erasedId)
    }

    async function expectNoTrace(phone: Phone, personId: string): Promise<void> {
      for (const table of SYNCED_TABLES) {
        for (const row of await phone.db.table(table).toArray()) {
          if (JSON.stringify(row).includes(personId))
            fail(`${phone.label} still holds the erased person in ${table}: ${JSON.stringify(row)}`)
        }
      }
    }

    /** What must hold on the server and every phone after every step. */
    async function checkInvariants(): Promise<void> {
      const registrations = await t.db
        .selectFrom('registration')
        .select(['id', 'status'])
        .where('eventId', '=', eventId)
        .execute()
      const registered = registrations.filter((r) => r.status === 'registered').length
      const waitlisted = registrations.filter((r) => r.status === 'waitlisted').length
      if (registered > capacity) fail(`${registered} registered for ${capacity} places`)
      const event = await t.db
        .selectFrom('event')
        .select(['registeredCount', 'waitlistCount'])
        .where('id', '=', eventId)
        .executeTakeFirstOrThrow()
      if (event.registeredCount !== registered || event.waitlistCount !== waitlisted)
        fail(`counts ${event.registeredCount}/${event.waitlistCount}, rows ${registered}/${waitlisted}`)
      const admissions = await t.db
        .selectFrom('checkIn')
        .select(['registrationId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('eventId', '=', eventId)
        .where('verdict', '=', 'admitted')
        .groupBy('registrationId')
        .execute()
      for (const a of admissions) if (Number(a.n) > 1) fail(`${a.n} admissions for ${a.registrationId}`)
      // No change lost: each is waiting in its phone's outbox or has been handled by the server (or both,
      // when the answer was lost).
      for (const phone of live()) {
        const waiting = new Set((await phone.db.outbox.toArray()).map((e) => `${e.clientId}:${e.id}`))
        const handled = await handledOf(phone)
        for (const q of phone.queued) {
          if (!waiting.has(`${q.clientId}:${q.id}`) && !handled.has(`${q.clientId}:${q.id}`))
            fail(`${phone.label} lost ${q.name} (${q.clientId}:${q.id})`)
        }
      }
    }

    async function handledOf(phone: Phone): Promise<Map<string, string>> {
      const clientIds = [...new Set(phone.queued.map((q) => q.clientId))]
      if (clientIds.length === 0) return new Map()
      const rows = await t.db
        .selectFrom('syncMutation')
        .select(['clientId', 'mutationId', 'status'])
        .where('clientId', 'in', clientIds)
        .execute()
      return new Map(rows.map((r) => [`${r.clientId}:${r.mutationId}`, r.status]))
    }

    for (const phone of all) await sync(phone)

    for (let step = 0; step < STEPS; step++) {
      const phone = pick(live())
      const action = pick([
        ...Array<string>(8).fill('sync'),
        ...Array<string>(4).fill('link'),
        ...Array<string>(4).fill('register'),
        'cancel',
        'cancel',
        ...Array<string>(3).fill('scan'),
        'edit',
        'role',
        'remove',
        'erase',
        'restart',
        'rush',
        'rush',
      ])
      if (action === 'sync') await sync(phone)
      if (action === 'link') {
        phone.link = pick(['up', 'up', 'down', 'drop'] as const)
        log.push(`${phone.label} goes ${phone.link}`)
      }
      if (action === 'register') await queue(phone, 'registration.register', { eventId, answers: {} })
      if (action === 'cancel') await queue(phone, 'registration.cancel', { eventId })
      if (action === 'scan') {
        const door = pick(live().filter(isStaffPhone))
        const attendees = await door.db.table('attendees').where('eventId').equals(eventId).toArray()
        const attendee = attendees.length > 0 ? pick(attendees) : null
        if (attendee) {
          const scan = {
            id: crypto.randomUUID(),
            eventId,
            registrationId: attendee.id as string,
            deviceId: door.deviceId,
            scannedAt: new Date().toISOString(),
            method: 'scan' as const,
          }
          await queue(door, 'checkIn.record', { scan })
        }
      }
      if (action === 'edit') {
        await queue(phone, 'network.update', { networkId: network.id, patch: { purpose: `Steg ${step} av ${seed}` } })
      }
      if (action === 'role' || action === 'remove') {
        const others = people.filter((p) => p !== staff && !p.isErased)
        if (others.length > 0) {
          const door = pick(live().filter(isStaffPhone))
          const target = pick(others)
          if (action === 'role') {
            const role = pick(['member', 'board', 'admin'] as const)
            await queue(door, 'membership.setRole', { networkId: network.id, personId: target.id, role })
          } else await queue(door, 'membership.remove', { networkId: network.id, personId: target.id })
        }
      }
      if (action === 'erase' && !erasedId) {
        const target = people.find((p) => p !== staff && !p.isErased)
        if (target) {
          const res = await t.request('/api/me/delete', {
            method: 'POST',
            cookie: target.cookie,
            json: { confirmEmail: target.email },
          })
          if (res.status !== 200) fail(`erasing ${target.id}: ${res.status} ${await res.text()}`)
          target.isErased = true
          erasedId = target.id
          log.push(`${target.email} erases their account`)
        }
      }
      if (action === 'restart') {
        t.restart()
        log.push('server restarts')
      }
      if (action === 'rush') {
        log.push('every phone syncs at once')
        await Promise.all(live().map((p) => sync(p)))
      }
      await checkInvariants()
    }

    // Everyone back online: every change is handled exactly once, and every phone holds what the server
    // would give it from scratch, no more, no less.
    for (const phone of live()) phone.link = 'up'
    for (let round = 0; round < 3; round++) for (const phone of live()) await sync(phone)
    await checkInvariants()
    for (const phone of live()) {
      const waiting = await phone.db.outbox.count()
      if (waiting > 0) fail(`${phone.label} still has ${waiting} changes waiting after coming online`)
      const handled = await handledOf(phone)
      const rejected = new Set((await phone.db.rejected.toArray()).map((r) => r.id))
      for (const q of phone.queued) {
        const status = handled.get(`${q.clientId}:${q.id}`)
        if (!status) fail(`${phone.label}: the server never handled ${q.name} ${q.id}`)
        if ((status === 'rejected') !== rejected.has(q.id))
          fail(
            `${phone.label}: ${q.name} ${q.id} was ${status} but the phone ${rejected.has(q.id) ? 'shows a refusal' : 'was not told'}`,
          )
      }
      const view = await pullEverything(t, phone.person.cookie)
      const expected = new Map<string, Record<string, unknown>>()
      for (const change of view.changes) {
        if (!isEntityName(change.entity)) continue
        const key = `${ENTITY_TABLES[change.entity]}|${rowKey(change.scope, change.id)}`
        if (change.op === 'put' && change.data) expected.set(key, change.data)
        else expected.delete(key)
      }
      const held = new Map<string, Record<string, unknown>>()
      for (const table of SYNCED_TABLES)
        for (const row of await phone.db.table(table).toArray()) held.set(`${table}|${row._key}`, row)
      for (const [key, data] of expected) {
        const row = held.get(key)
        if (!row) fail(`${phone.label} lacks ${key}`)
        for (const [field, value] of Object.entries(data))
          if (JSON.stringify(row![field]) !== JSON.stringify(value))
            fail(
              `${phone.label} holds ${key}.${field} = ${JSON.stringify(row![field])}, the server ${JSON.stringify(value)}`,
            )
      }
      for (const key of held.keys())
        if (!expected.has(key)) {
          if (process.env.FUZZ_DEBUG) {
            console.log('ROW', JSON.stringify(held.get(key)))
            console.log('REJECTED', JSON.stringify(await phone.db.rejected.toArray()))
            console.log('HANDLED', JSON.stringify([...(await handledOf(phone))]), JSON.stringify(phone.queued))
            console.log(
              'SERVER',
              JSON.stringify(
                await t.db.selectFrom('registration').selectAll().where('eventId', '=', eventId).execute(),
              ),
            )
          }
          fail(`${phone.label} holds ${key}, which it may not see`)
        }
      if (erasedId) await expectNoTrace(phone, erasedId)
    }
    for (const phone of all) phone.db.close()
  })
})
