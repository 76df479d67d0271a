import { describe, expect, it } from 'vitest'
import { NameSchema, TextSchema, WebUrlSchema, lineSchema } from './common.ts'

describe('web addresses', () => {
  it('takes an address typed without https, as people copy it from LinkedIn', () => {
    expect(WebUrlSchema.parse('linkedin.com/in/kari-nordmann')).toBe('https://linkedin.com/in/kari-nordmann')
    expect(WebUrlSchema.parse(' www.linkedin.com/in/kari ')).toBe('https://www.linkedin.com/in/kari')
    expect(WebUrlSchema.parse('https://www.uio.no/')).toBe('https://www.uio.no/')
  })

  it('refuses what is no web address, and never turns a script into a link', () => {
    for (const bad of [
      'javascript:alert(1)',
      'kari nordmann',
      'ftp://example.org/x',
      'data:text/html,hi',
      'linkedin',
    ]) {
      expect(WebUrlSchema.safeParse(bad).success).toBe(false)
    }
  })
})

describe('human text', () => {
  it('refuses control characters, which PostgreSQL cannot store (NUL) or which write lines into calendars and mail headers (CR/LF)', () => {
    for (const bad of ['Kari\u0000', 'Kari\r\nATTENDEE:mailto:x@example.org', 'tab\there', 'bell\u0007', 'c1\u0085']) {
      expect(NameSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
    expect(TextSchema.safeParse('nul\u0000').success).toBe(false)
    expect(TextSchema.safeParse('esc\u001b[31m').success).toBe(false)
  })

  it('keeps what people really type: letters of every language, emoji, and line breaks in longer text', () => {
    expect(NameSchema.parse('  Ærlige Øystein Åsheim 👋 ')).toBe('Ærlige Øystein Åsheim 👋')
    expect(TextSchema.parse('Første linje\r\nAndre\tlinje')).toBe('Første linje\r\nAndre\tlinje')
    expect(lineSchema(5).safeParse('  abcde  ').success).toBe(true)
    expect(lineSchema(5).safeParse('abcdef').success).toBe(false)
  })
})
