import { describe, expect, it } from 'vitest'
import { PROBLEM_TYPES, problemTypeFromUri, problemTypeUri } from './problemTypes.ts'

describe('problem types', () => {
  it('round-trips every type through its URI', () => {
    for (const type of PROBLEM_TYPES) expect(problemTypeFromUri(problemTypeUri(type))).toBe(type)
  })

  it('reads an unknown or foreign type as internal, so the client always has a message', () => {
    expect(problemTypeFromUri('urn:alumni:problem:made-up')).toBe('internal')
    expect(problemTypeFromUri('about:blank')).toBe('internal')
  })
})
