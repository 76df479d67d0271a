// Events happen in Norway: the form's times are Oslo wall-clock times whatever zone the phone is set to
// (a board member travelling, a phone set to UTC), as every page shows them.
const ZONE = 'Europe/Oslo'

const osloParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** Oslo's wall clock at an instant, as the UTC fields of a timestamp. */
function osloWallClock(ms: number): number {
  const p = Object.fromEntries(osloParts.formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]))
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)
}

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
  // Oslo is UTC+1 or UTC+2: guess with the offset at the wall time, then correct once across a change.
  let instant = wall - (osloWallClock(wall) - wall)
  instant = wall - (osloWallClock(instant) - instant)
  return new Date(instant).toISOString()
}
