import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/index.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { Db } from '../db/schema.ts'
import { hitPacedRateLimit, hitRateLimit, pruneRateLimits } from './rateLimit.ts'

describe('rate limits kept in the database', () => {
  let db: Db
  let close: () => Promise<void>
  beforeAll(async () => {
    ;({ db, close } = openDatabase({ databaseUrl: null, sqliteFile: ':memory:' }))
    await migrateToLatest(db, 'sqlite')
  })
  afterAll(async () => {
    await close()
  })

  const MINUTE = 60_000
  const start = Date.UTC(2026, 11, 2, 10, 0, 0)

  it('counts attempts in fixed windows and refuses past the limit with 429 and when to try again', async () => {
    for (let i = 1; i <= 3; i++) expect(await hitRateLimit(db, 'k', 3, 15 * MINUTE, start + i)).toBe(i)
    const refused = await hitRateLimit(db, 'k', 3, 15 * MINUTE, start + 5 * MINUTE).catch((e: unknown) => e)
    expect(refused).toMatchObject({ type: 'rate-limited', message: 'Too many attempts; try again in 10 min' })
    // The next window starts afresh.
    expect(await hitRateLimit(db, 'k', 3, 15 * MINUTE, start + 15 * MINUTE)).toBe(1)
  })

  it('counts several at once (a batch of changes)', async () => {
    expect(await hitRateLimit(db, 'batch', 1000, MINUTE, start, 500)).toBe(500)
    await expect(hitRateLimit(db, 'batch', 1000, MINUTE, start, 501)).rejects.toMatchObject({ type: 'rate-limited' })
  })

  it('slows down past the burst instead of shutting out: one a pace, never a lockout', async () => {
    for (let i = 0; i < 5; i++) await hitPacedRateLimit(db, 'mail', 5, 15 * MINUTE, MINUTE, start + i)
    await hitPacedRateLimit(db, 'mail', 5, 15 * MINUTE, MINUTE, start + 10)
    await expect(hitPacedRateLimit(db, 'mail', 5, 15 * MINUTE, MINUTE, start + 20)).rejects.toMatchObject({
      type: 'rate-limited',
    })
    await hitPacedRateLimit(db, 'mail', 5, 15 * MINUTE, MINUTE, start + MINUTE + 20)
  })

  it('forgets ended windows', async () => {
    await pruneRateLimits(db, MINUTE, start + 60 * MINUTE)
    expect(await db.selectFrom('rateLimit').selectAll().execute()).toEqual([])
  })
})
