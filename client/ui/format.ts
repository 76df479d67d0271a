import { formatInOslo, localeTag, osloDate } from '../../shared/osloTime.ts'
import { intlFormatter } from '../../shared/intlCache.ts'
import { whenIdle } from './whenIdle.ts'

// The device reaches Norway's clock through this module only, so it ships in one chunk with the formatting.
export { instantOfOsloWallClock, osloDate, osloWallClock } from '../../shared/osloTime.ts'

const osloYear = (ms: number) => osloDate(ms).slice(0, 4)

/** Dates as people in Norway read them: in Oslo time, in the chosen language, with the year when it is not this one. */
export function formatDateTime(iso: string, locale: string, now = Date.now()): string {
  const at = Date.parse(iso)
  return formatInOslo(at, locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    ...(osloYear(at) !== osloYear(now) ? { year: 'numeric' } : {}),
  })
}

/**
 * From when to when, the date said once when both are on the same day in Oslo
 * ("tir. 22. april 10:00–14:00"); else both in full.
 */
export function formatDateTimeRange(startIso: string, endIso: string, locale: string, now = Date.now()): string {
  const start = Date.parse(startIso)
  const end = Date.parse(endIso)
  if (osloDate(start) !== osloDate(end))
    return `${formatDateTime(startIso, locale, now)} – ${formatDateTime(endIso, locale, now)}`
  const time = formatInOslo(end, locale, { hour: '2-digit', minute: '2-digit' })
  return `${formatDateTime(startIso, locale, now)}–${time}`
}

export function formatDate(iso: string, locale: string): string {
  return formatInOslo(iso, locale, { day: 'numeric', month: 'short', year: 'numeric' })
}

/** "5 minutes ago" / "for 5 minutter siden". */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000)
  const tag = localeTag(locale)
  const rtf = intlFormatter('relative', tag, {}, () => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }))
  const abs = Math.abs(seconds)
  if (abs < 60) return rtf.format(seconds, 'second')
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour')
  return rtf.format(Math.round(seconds / 86_400), 'day')
}

export function formatNumber(n: number, locale: string): string {
  const tag = localeTag(locale)
  return intlFormatter('number', tag, {}, () => new Intl.NumberFormat(tag)).format(n)
}

/** A share (0–1) as a whole percentage in the reader's language ("25 %" in Norwegian, "25%" in English). */
export function formatPercent(share: number, locale: string): string {
  const tag = localeTag(locale)
  const options = { style: 'percent', maximumFractionDigits: 0 } as const
  return intlFormatter('number', tag, options, () => new Intl.NumberFormat(tag, options)).format(share)
}

let isDateFormattingPrepared = false
/**
 * Makes a date formatter in the next idle moment. A browser's first Intl.DateTimeFormat loads its calendar and
 * zone data (in Chromium at 4x CPU about 160 ms, the later ones well under 1 ms each), which a page that shows
 * dates would otherwise pay in the render after its data arrives: such a page calls this as it mounts, while the
 * device still waits for that data.
 */
export function prepareDateFormatting(locale: string): void {
  if (isDateFormattingPrepared) return
  isDateFormattingPrepared = true
  whenIdle(() => void formatDateTime(new Date().toISOString(), locale))
}
