import { sql } from 'kysely'
import type { Db } from '../db/schema.ts'
import { AppError } from './problem.ts'

/**
 * Counts `amount` attempts (one unless told) for `key` in the current fixed window and refuses with
 * 429 once `limit` is passed. Kept in the database (one atomic upsert), so the
 * limit holds across server processes and restarts.
 *
 * @example await hitRateLimit(db, `sign-in:email:${email}`, 5, 15 * 60_000)
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
  amount = 1,
): Promise<number> {
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs).toISOString()
  const row = await db
    .insertInto('rateLimit')
    .values({ key, windowStart, count: amount })
    .onConflict((oc) => oc.columns(['key', 'windowStart']).doUpdateSet({ count: sql`rate_limit.count + ${amount}` }))
    .returning('count')
    .executeTakeFirstOrThrow()
  if (row.count > limit) {
    const retryAfterS = Math.ceil((Date.parse(windowStart) + windowMs - now) / 1000)
    throw new AppError(
      'rate-limited',
      `Too many attempts; try again in ${Math.ceil(retryAfterS / 60)} min`,
      undefined,
      {
        retryAfterS,
      },
    )
  }
  return row.count
}

/**
 * A limit that slows down rather than shuts out: `burst` attempts per
 * `windowMs`, then one per `paceMs`. Used where a stranger can spend someone
 * else's allowance (sign-in mails to a victim's address): the owner waits a
 * minute at most instead of being locked out for the whole window.
 */
export async function hitPacedRateLimit(
  db: Db,
  key: string,
  burst: number,
  windowMs: number,
  paceMs: number,
  now = Date.now(),
): Promise<void> {
  const count = await hitRateLimit(db, key, Number.MAX_SAFE_INTEGER, windowMs, now)
  if (count > burst) await hitRateLimit(db, `${key}:paced`, 1, paceMs, now)
}

/** Forgets windows that have ended (run now and then). */
export async function pruneRateLimits(db: Db, olderThanMs: number, now = Date.now()): Promise<void> {
  await db
    .deleteFrom('rateLimit')
    .where('windowStart', '<', new Date(now - olderThanMs).toISOString())
    .execute()
}
