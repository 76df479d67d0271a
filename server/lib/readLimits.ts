import type { Db } from '../db/schema.ts'
import { AppError } from './problem.ts'
import { hitRateLimit } from './rateLimit.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * How much one account may read, set well above what a person does and far
 * below what a scraper needs. A device reads a directory from scratch once
 * (a new phone, a reinstall, a second browser); a person opens a profile
 * every few seconds at most. Each read kind has a short and a long window.
 */
export const READ_LIMITS = {
  /** Downloading one network's directory from scratch. */
  snapshot: [
    { limit: 6, windowMs: HOUR },
    { limit: 20, windowMs: DAY },
  ],
  /** Opening a person's profile. */
  profile: [
    { limit: 40, windowMs: MINUTE },
    { limit: 1000, windowMs: HOUR },
  ],
  /** Loading a person's photo (cached for a year once loaded). */
  photo: [
    { limit: 240, windowMs: MINUTE },
    { limit: 4000, windowMs: HOUR },
  ],
} as const
export type ReadKind = keyof typeof READ_LIMITS

/**
 * Counts one read by a signed-in person and refuses with 429 (and when to
 * try again) once it goes past a limit. Counted in the database, so the
 * limits hold across server processes and behind any proxy (they are per
 * account, not per address). The first refusal in a window is written to
 * the audit log, so staff see who was stopped and at what.
 */
export async function limitRead(
  db: Db,
  personId: string,
  kind: ReadKind,
  options: { subject?: string; factor?: number; now?: number } = {},
): Promise<void> {
  const { subject = null, factor = 1, now = Date.now() } = options
  const key = subject ? `read:${kind}:${personId}:${subject}` : `read:${kind}:${personId}`
  for (const { limit: base, windowMs } of READ_LIMITS[kind]) {
    const limit = base * factor
    const count = await hitRateLimit(db, `${key}:${windowMs}`, Number.MAX_SAFE_INTEGER, windowMs, now)
    if (count <= limit) continue
    if (count === limit + 1)
      await db
        .insertInto('auditLog')
        .values({
          at: new Date(now).toISOString(),
          actorId: personId,
          action: 'read.limited',
          subjectId: subject,
          networkId: subject?.startsWith('network:') ? subject.split(':')[1]! : null,
          details: JSON.stringify({ kind, limit, windowMinutes: windowMs / MINUTE }),
        })
        .execute()
    const retryAfterS = Math.ceil((Math.floor(now / windowMs) * windowMs + windowMs - now) / 1000)
    throw new AppError(
      'rate-limited',
      `More ${kind} reads than a person makes (${limit} per ${windowMs / MINUTE} min); try again later`,
      undefined,
      { retryAfterS },
    )
  }
}
