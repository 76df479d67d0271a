import { describe, expect, it } from 'vitest'
import { formatInOslo, localeTag, osloDate, osloMinutes, osloWallClock } from './osloTime.ts'

describe("Norway's clock", () => {
  it('tells the date in Oslo, not in UTC, around midnight', () => {
    expect(osloDate('2026-12-31T23:30:00.000Z')).toBe('2027-01-01')
    expect(osloDate('2026-06-30T21:59:00.000Z')).toBe('2026-06-30')
    expect(osloDate('2026-06-30T22:00:00.000Z')).toBe('2026-07-01')
  })

  it('counts minutes since midnight in Oslo, summer and winter', () => {
    expect(osloMinutes('2026-07-01T20:30:00.000Z')).toBe(22 * 60 + 30)
    expect(osloMinutes('2026-01-15T23:15:00.000Z')).toBe(15)
  })

  it('holds the wall clock in the UTC fields', () => {
    expect(new Date(osloWallClock(Date.parse('2026-04-22T08:00:00.000Z'))).toISOString()).toBe(
      '2026-04-22T10:00:00.000Z',
    )
  })

  it('formats in each of the app languages with Oslo times', () => {
    const at = '2026-04-22T08:00:00.000Z'
    const options = { hour: '2-digit', minute: '2-digit' } as const
    expect(formatInOslo(at, 'nb', options)).toBe('10:00')
    expect(formatInOslo(at, 'en', { month: 'long' })).toBe('April')
    expect(localeTag('nn')).toBe('nn-NO')
    expect(localeTag('de')).toBe('en-GB')
  })
})
