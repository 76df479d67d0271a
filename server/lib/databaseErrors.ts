import { AppError } from './problem.ts'

/** The error code a driver put on an error: PostgreSQL's SQLSTATE, better-sqlite3's `SQLITE_…`, Node's `E…`. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/**
 * What a database refused about the data itself, as the refusal a person
 * can read, or null when the error is not about the data. The shared
 * schemas should refuse such input first; this is the net beneath them, so
 * a value they missed is a clear 4xx (and, in a sync push, a recorded
 * rejection) rather than a 500 that a device retries for ever.
 */
export function dataRefusal(error: unknown): AppError | null {
  const code = codeOf(error)
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return new AppError('not-found', 'This names something that does not exist (or no longer does)')
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return new AppError('conflict', 'This already exists')
  if (code.startsWith('23') || code.startsWith('SQLITE_CONSTRAINT'))
    return new AppError('validation', 'A required value is missing or not allowed')
  // 22xxx: a NUL byte (22P05), a number out of range (22003), text too long (22001), and the like.
  if (code.startsWith('22') || ['SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_RANGE'].includes(code))
    return new AppError('validation', 'A value is out of range or holds characters that cannot be stored')
  return null
}

const TRANSIENT_SQLSTATE_CLASSES = ['08', '40', '53', '57', '58']
const TRANSIENT_SQLITE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|NOMEM|PROTOCOL|INTERRUPT)/

/**
 * Whether an error says the database is unreachable or busy for now (a lost
 * connection, a serialisation failure, a locked file): the same request may
 * well succeed on a retry, so it must not be recorded as a refusal.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = codeOf(error)
  if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true
  if (TRANSIENT_SQLITE.test(code) || /^E[A-Z]+$/.test(code)) return true
  // pg's lost connection and Kysely's closed pool carry no code.
  return /connection|terminat|destroyed|timeout|pool/i.test(String((error as Error | null)?.message ?? ''))
}
