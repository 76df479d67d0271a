import { describe, expect, it } from 'vitest'
import { formatDateTime, formatDateTimeRange, formatRelative } from './format.ts'

describe('formatting for Norwegian readers', () => {
  it('shows times in Oslo time, summer and winter', () => {
    expect(formatDateTime('2027-04-22T08:00:00.000Z', 'nb')).toContain('10:00')
    expect(formatDateTime('2026-12-04T17:00:00.000Z', 'nb')).toContain('18:00')
  })

  it('says how long ago, in the chosen language', () => {
    const now = Date.parse('2026-11-28T12:00:00Z')
    expect(formatRelative('2026-11-28T11:55:00Z', 'nb', now)).toBe('for 5 minutter siden')
    expect(formatRelative('2026-11-28T11:55:00Z', 'en', now)).toBe('5 minutes ago')
  })

  it('shows the year only for dates of another year', () => {
    const now = Date.parse('2026-11-28T12:00:00Z')
    expect(formatDateTime('2026-12-04T17:00:00.000Z', 'nb', now)).not.toContain('2026')
    expect(formatDateTime('2027-04-22T08:00:00.000Z', 'nb', now)).toContain('2027')
    expect(formatDateTime('2027-04-22T08:00:00.000Z', 'en', now)).toContain('2027')
  })

  it('says the date once for a range within one day in Oslo, and both for a longer one', () => {
    const now = Date.parse('2027-01-10T12:00:00Z')
    const sameDay = formatDateTimeRange('2027-04-22T08:00:00.000Z', '2027-04-22T12:00:00.000Z', 'nb', now)
    expect(sameDay).toMatch(/22\. april.*10:00–14:00$/)
    expect(sameDay.match(/april/g)).toHaveLength(1)
    // 23:30 to 01:00 in Oslo crosses midnight: two dates.
    expect(
      formatDateTimeRange('2027-04-22T21:30:00.000Z', '2027-04-22T23:00:00.000Z', 'nb', now).match(/april/g),
    ).toHaveLength(2)
  })
})
