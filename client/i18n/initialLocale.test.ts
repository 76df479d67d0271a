import { describe, expect, it } from 'vitest'
import { initialLocale } from './index.ts'

describe("the first language, from the phone's", () => {
  it('reads nynorsk from nn and nn-NO, bokmål from nb and the plain no, English from en', () => {
    expect(initialLocale(null, ['nn-NO', 'en-GB'])).toBe('nn')
    expect(initialLocale(null, ['nn'])).toBe('nn')
    expect(initialLocale(null, ['no', 'nn'])).toBe('nb')
    expect(initialLocale(null, ['nb-NO'])).toBe('nb')
    expect(initialLocale(null, ['en-US', 'nb'])).toBe('en')
  })

  it('takes the first language the app speaks, and bokmål when it speaks none of them', () => {
    expect(initialLocale(null, ['de-DE', 'nn-NO'])).toBe('nn')
    expect(initialLocale(null, ['de-DE', 'fr'])).toBe('nb')
  })

  it("keeps the person's own choice over the phone's", () => {
    expect(initialLocale('nn', ['en-GB'])).toBe('nn')
    expect(initialLocale('xx', ['en-GB'])).toBe('en')
  })
})
