import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/index.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { Db } from '../db/schema.ts'
import { backoffMs, claimDue, drainQueue, type SendOutcome } from './queue.ts'

describe('the queues in the database', () => {
  let db: Db
  let close: () => Promise<void>
  const now = new Date(Date.UTC(2026, 11, 2, 10, 0, 0))
  const options = { batch: 10, leaseMs: 30_000, maxAttempts: 3 }

  beforeAll(async () => {
    ;({ db, close } = openDatabase({ databaseUrl: null, sqliteFile: ':memory:' }))
    await migrateToLatest(db, 'sqlite')
    const at = now.toISOString()
    await db.insertInto('institution').values({ id: 'uio', name: 'Universitetet i Oslo', shortName: 'UiO' }).execute()
    await db
      .insertInto('faculty')
      .values({
        id: 'uio-hf',
        institutionId: 'uio',
        name: 'HF',
        shortName: 'HF',
        contactName: null,
        contactEmail: null,
      })
      .execute()
    await db
      .insertInto('network')
      .values({
        id: 'n1',
        facultyId: 'uio-hf',
        slug: 'n1',
        name: 'N',
        shortName: 'N',
        purpose: '',
        activities: '[]',
        admission: '{}',
        channels: '[]',
        contactEmail: null,
        statutes: '',
        anchoring: '',
        foundedYear: null,
        updatedAt: at,
      })
      .execute()
    await db
      .insertInto('person')
      .values({
        id: 'p1',
        email: 'p1@example.org',
        name: 'P',
        graduationYear: null,
        programme: null,
        employer: null,
        title: null,
        city: null,
        linkedinUrl: null,
        bio: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute()
    await db
      .insertInto('membershipNotice')
      .values(
        ['a', 'b'].map((id) => ({
          id,
          personId: 'p1',
          networkId: 'n1',
          kind: 'joinApproved',
          createdAt: at,
          sendAfter: at,
        })),
      )
      .execute()
  })
  afterAll(async () => {
    await close()
  })

  it('leases what it claims: a second worker finds nothing due until the lease ends', async () => {
    expect((await claimDue(db, 'membershipNotice', { ...options, now })).map((c) => c.id).sort()).toEqual(['a', 'b'])
    expect(await claimDue(db, 'membershipNotice', { ...options, now })).toEqual([])
    const afterLease = new Date(now.getTime() + options.leaseMs)
    expect(await claimDue(db, 'membershipNotice', { ...options, now: afterLease })).toEqual([
      expect.objectContaining({ attempts: 1 }),
      expect.objectContaining({ attempts: 1 }),
    ])
  })

  it('sends each due row once, waits longer after each failure, and gives up after the last try', async () => {
    const later = new Date(now.getTime() + 10 * 60_000)
    const sent: string[] = []
    const drain = (at: Date, failing: Set<string>) =>
      drainQueue(db, 'membershipNotice', {
        ...options,
        now: at,
        load: async (ids) => ids.map((id) => ({ id })),
        send: async ({ id }) => {
          if (failing.has(id)) throw new Error('mail server down')
          sent.push(id)
          return 'sent'
        },
      })
    expect(await drain(later, new Set(['b']))).toBe(1)
    expect(sent).toEqual(['a'])
    const b = await db
      .selectFrom('membershipNotice')
      .select(['attempts', 'sendAfter', 'lastError'])
      .where('id', '=', 'b')
      .executeTakeFirstOrThrow()
    expect(b).toEqual({
      attempts: 3,
      sendAfter: new Date(later.getTime() + backoffMs(2)).toISOString(),
      lastError: 'Error: mail server down',
    })
    // Three tries made: never claimed again, and 'a' is not sent twice.
    expect(await drain(new Date(later.getTime() + 86_400_000), new Set())).toBe(0)
    expect(sent).toEqual(['a'])
  })
  it('sends many at once, marks each outcome, and hands the batch to the follow-up', async () => {
    const at = now.toISOString()
    await db
      .insertInto('membershipNotice')
      .values(
        ['c', 'd', 'e'].map((id) => ({
          id,
          personId: 'p1',
          networkId: 'n1',
          kind: 'joinApproved',
          createdAt: at,
          sendAfter: at,
        })),
      )
      .execute()
    const outcomes: Record<string, SendOutcome> = { c: 'sent', d: { giveUp: 'refused for good' }, e: 'nothing' }
    const followedUp: string[] = []
    const sent = await drainQueue(db, 'membershipNotice', {
      ...options,
      now: new Date(now.getTime() + 86_400_000),
      concurrency: 3,
      load: async (ids) => ids.map((id) => ({ id })),
      send: async ({ id }) => outcomes[id]!,
      afterBatch: async (results) => {
        followedUp.push(...results.map((r) => r.row.id))
      },
    })
    expect(sent).toBe(1)
    expect(followedUp.sort()).toEqual(['c', 'd', 'e'])
    const rows = await db
      .selectFrom('membershipNotice')
      .select(['id', 'attempts', 'lastError'])
      .select((eb) => eb('sentAt', 'is not', null).as('isSent'))
      .where('id', 'in', ['c', 'd', 'e'])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => ({ ...r, isSent: Boolean(r.isSent) }))).toEqual([
      { id: 'c', attempts: 1, lastError: null, isSent: true },
      { id: 'd', attempts: options.maxAttempts, lastError: 'refused for good', isSent: false },
      { id: 'e', attempts: 1, lastError: 'nothing to send', isSent: true },
    ])
  })
  it.for([
    ['each', ['f', 'g']],
    ['batch', []],
  ] as const)(
    'many at once, marks %s: what a worker that dies before the batch ends has marked as sent',
    async ([marks, markedBeforeLast]) => {
      const ids = ['f', 'g', 'h'].map((id) => `${marks}-${id}`)
      const at = now.toISOString()
      await db
        .insertInto('membershipNotice')
        .values(
          ids.map((id) => ({
            id,
            personId: 'p1',
            networkId: 'n1',
            kind: 'joinApproved',
            createdAt: at,
            sendAfter: at,
          })),
        )
        .execute()
      let markedWhenLastWent: string[] = []
      await drainQueue(db, 'membershipNotice', {
        ...options,
        now: new Date(now.getTime() + 86_400_000),
        concurrency: 2,
        marks,
        load: async (claimed) =>
          claimed
            .filter((id) => ids.includes(id))
            .sort()
            .map((id) => ({ id })),
        send: async ({ id }) => {
          // The last row waits until the others are done, then looks at what a crash now would leave.
          if (id === ids[2]) {
            await new Promise((r) => setTimeout(r, 50))
            const rows = await db
              .selectFrom('membershipNotice')
              .select('id')
              .where('id', 'in', ids)
              .where('sentAt', 'is not', null)
              .orderBy('id')
              .execute()
            markedWhenLastWent = rows.map((r) => r.id.slice(marks.length + 1))
          }
          return 'sent'
        },
      })
      expect(markedWhenLastWent).toEqual(markedBeforeLast)
    },
  )
})
