import { describe, expect, it } from 'vitest'
import { formatDateTime, formatRelative } from './format.ts'

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
})
