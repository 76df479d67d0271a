import { describe, expect, it } from 'vitest'
import { mergeDisjoint } from './mergeDisjoint.ts'

describe('merging what features register', () => {
  it('keeps every part', () => {
    expect(mergeDisjoint({ a: 1 }, { b: 'two' }, {})).toEqual({ a: 1, b: 'two' })
  })

  it('refuses a name two features both register, instead of keeping the last', () => {
    expect(() => mergeDisjoint({ 'event.save': 1 }, { 'event.save': 2 })).toThrow(/event\.save is registered by two/)
  })
})
