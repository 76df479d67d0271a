import { describe, expect, it } from 'vitest'
import { toInstant, toLocalInput } from './dateInput.ts'

describe("event times on Oslo's clock, whatever the device's zone", () => {
  it('reads a form time as Oslo time, summer and winter', () => {
    expect(toInstant('2026-07-01T18:00')).toBe('2026-07-01T16:00:00.000Z')
    expect(toInstant('2026-12-24T18:00')).toBe('2026-12-24T17:00:00.000Z')
    expect(toInstant('')).toBeNull()
  })

  it('shows an instant as Oslo time in the form', () => {
    expect(toLocalInput('2026-07-01T16:00:00.000Z')).toBe('2026-07-01T18:00')
    expect(toLocalInput('2026-12-24T17:00:00.000Z')).toBe('2026-12-24T18:00')
    expect(toLocalInput(null)).toBe('')
  })

  it('goes round unchanged, including the nights the clocks change', () => {
    for (const local of [
      '2026-03-29T01:30',
      '2026-03-29T03:30',
      '2026-10-25T01:30',
      '2026-10-25T03:30',
      '2027-01-01T00:00',
    ]) {
      expect(toLocalInput(toInstant(local))).toBe(local)
    }
    // 02:30 on the last Sunday of March does not exist in Oslo: it is read as the moment after the skip.
    expect(toLocalInput(toInstant('2026-03-29T02:30'))).toBe('2026-03-29T03:30')
  })
})
