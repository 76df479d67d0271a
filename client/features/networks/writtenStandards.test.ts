import { describe, expect, it } from 'vitest'
import { countWrittenStandards, publishedInYear } from './writtenStandards.ts'

describe('countWrittenStandards', () => {
  it('gives each Norwegian standard its share of the Norwegian texts, English apart', () => {
    const result = countWrittenStandards(['nb', 'nb', 'nb', 'nn', 'en', 'en'])
    expect(result.counts).toEqual({ nb: 3, nn: 1, en: 2 })
    expect(result.shares).toEqual({ nb: 0.75, nn: 0.25 })
    // Exactly a quarter meets the act's minimum.
    expect(result.below).toEqual([])
  })

  it('names the standard below a quarter', () => {
    expect(countWrittenStandards(['nb', 'nb', 'nb', 'nb', 'nn']).below).toEqual(['nn'])
    expect(countWrittenStandards(['nn', 'nn', 'nn', 'nn', 'nb']).below).toEqual(['nb'])
  })

  it('has no shares when nothing is in Norwegian', () => {
    expect(countWrittenStandards(['en'])).toEqual({ counts: { nb: 0, nn: 0, en: 1 }, shares: null, below: [] })
    expect(countWrittenStandards([]).shares).toBeNull()
  })

  it('counts a text from before languages were kept as bokmål', () => {
    expect(countWrittenStandards([undefined, 'nn']).counts).toEqual({ nb: 1, nn: 1, en: 0 })
  })
})

describe('publishedInYear', () => {
  const now = new Date('2026-12-03T12:00:00Z')
  it('keeps what was published in the last 365 days, not drafts or what is still scheduled', () => {
    const rows = [
      { status: 'published', language: 'nn' as const, at: '2026-11-01T00:00:00Z' },
      { status: 'cancelled', language: 'en' as const, at: '2026-06-01T00:00:00Z' },
      { status: 'draft', language: 'nb' as const, at: '2026-11-01T00:00:00Z' },
      { status: 'scheduled', language: 'nb' as const, at: '2026-12-24T00:00:00Z' },
      { status: 'sent', language: 'nb' as const, at: '2025-11-01T00:00:00Z' },
      { status: 'sent', language: 'nb' as const, at: null },
    ]
    expect(publishedInYear(rows, (r) => r.at, now)).toEqual(['nn', 'en'])
  })
})
