import { instantOfOsloWallClock, osloWallClock } from './format.ts'

// Events happen in Norway: the form's times are Oslo wall-clock times whatever zone the phone is set to
// (a board member travelling, a phone set to UTC), as every page shows them.

/** A `datetime-local` value for an instant, on Oslo's clock ('' for none). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return ''
  return new Date(osloWallClock(Date.parse(iso))).toISOString().slice(0, 16)
}

/**
 * The instant a `datetime-local` value means on Oslo's clock (null for none).
 * A time that does not exist (the hour skipped when summer time starts) is
 * read as the moment after the skip, as clocks there showed it.
 */
export function toInstant(local: string): string | null {
  if (!local) return null
  const wall = Date.parse(`${local}Z`)
  if (Number.isNaN(wall)) return null
  return new Date(instantOfOsloWallClock(wall)).toISOString()
}
