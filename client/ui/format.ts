const ZONE = 'Europe/Oslo'
const tag = (locale: string) => (locale === 'nb' ? 'nb-NO' : 'en-GB')
const osloYear = (ms: number) => new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: ZONE }).format(ms)
const osloDay = (ms: number) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone: ZONE }).format(ms)

/** Dates as people in Norway read them: in Oslo time, in the chosen language, with the year when it is not this one. */
export function formatDateTime(iso: string, locale: string, now = Date.now()): string {
  const at = Date.parse(iso)
  return new Intl.DateTimeFormat(tag(locale), {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: ZONE,
    ...(osloYear(at) !== osloYear(now) ? { year: 'numeric' } : {}),
  }).format(at)
}

/**
 * From when to when, the date said once when both are on the same day in Oslo
 * ("tir. 22. april 10:00–14:00"); else both in full.
 */
export function formatDateTimeRange(startIso: string, endIso: string, locale: string, now = Date.now()): string {
  const start = Date.parse(startIso)
  const end = Date.parse(endIso)
  if (osloDay(start) !== osloDay(end))
    return `${formatDateTime(startIso, locale, now)} – ${formatDateTime(endIso, locale, now)}`
  const time = new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', timeZone: ZONE }).format(end)
  return `${formatDateTime(startIso, locale, now)}–${time}`
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/Oslo',
  }).format(new Date(iso))
}

/** "5 minutes ago" / "for 5 minutter siden". */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000)
  const rtf = new Intl.RelativeTimeFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { numeric: 'auto' })
  const abs = Math.abs(seconds)
  if (abs < 60) return rtf.format(seconds, 'second')
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour')
  return rtf.format(Math.round(seconds / 86_400), 'day')
}

export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'nb' ? 'nb-NO' : 'en-GB').format(n)
}
