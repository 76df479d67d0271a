/**
 * Norway's clock, for every page, mail, calendar file and push: events,
 * deadlines and quiet hours happen in Oslo time whatever zone the server or
 * the phone is set to. Plain Intl, so the first screen loads nothing more.
 */
import { intlFormatter } from './intlCache.ts'

export const OSLO_ZONE = 'Europe/Oslo'

/** The BCP 47 tag Intl formats a language of the app with. */
export function localeTag(locale: string): string {
  if (locale === 'nb') return 'nb-NO'
  if (locale === 'nn') return 'nn-NO'
  return 'en-GB'
}

function formatter(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return intlFormatter('date', tag, options, () => new Intl.DateTimeFormat(tag, { ...options, timeZone: OSLO_ZONE }))
}

/** An instant as read in Oslo, in one of the app's languages ('nb', 'nn', 'en'). */
export function formatInOslo(at: string | number | Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  return formatter(localeTag(locale), options).format(typeof at === 'string' ? Date.parse(at) : at)
}

const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
}

/** Oslo's wall clock at an instant, as a timestamp whose UTC fields hold it. */
export function osloWallClock(ms: number): number {
  const parts = formatter('en-GB', WALL_CLOCK).formatToParts(ms)
  const p = Object.fromEntries(parts.map((part) => [part.type, Number(part.value)]))
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!)
}

/**
 * The instant at which Oslo's clock shows a wall-clock time (given as a
 * timestamp whose UTC fields hold it). A time that does not exist (the hour
 * skipped when summer time starts) is read as the moment after the skip.
 */
export function instantOfOsloWallClock(wall: number): number {
  // Oslo is UTC+1 or UTC+2: guess with the offset at the wall time, then correct once across a change.
  const guess = wall - (osloWallClock(wall) - wall)
  return wall - (osloWallClock(guess) - guess)
}

/** The calendar date in Oslo at an instant, as YYYY-MM-DD. */
export function osloDate(at: string | number | Date = Date.now()): string {
  const ms = typeof at === 'string' ? Date.parse(at) : Number(at)
  return new Date(osloWallClock(ms)).toISOString().slice(0, 10)
}

/** Minutes since midnight on Oslo's clock. */
export function osloMinutes(at: string | number | Date): number {
  const ms = typeof at === 'string' ? Date.parse(at) : Number(at)
  const wall = new Date(osloWallClock(ms))
  return wall.getUTCHours() * 60 + wall.getUTCMinutes()
}
