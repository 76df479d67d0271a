import { describe, expect, it } from 'vitest'
import { WebUrlSchema } from './common.ts'

describe('web addresses', () => {
  it('takes an address typed without https, as people copy it from LinkedIn', () => {
    expect(WebUrlSchema.parse('linkedin.com/in/kari-nordmann')).toBe('https://linkedin.com/in/kari-nordmann')
    expect(WebUrlSchema.parse(' www.linkedin.com/in/kari ')).toBe('https://www.linkedin.com/in/kari')
    expect(WebUrlSchema.parse('https://www.uio.no/')).toBe('https://www.uio.no/')
  })

  it('refuses what is no web address, and never turns a script into a link', () => {
    for (const bad of ['javascript:alert(1)', 'kari nordmann', 'ftp://example.org/x', 'data:text/html,hi', 'linkedin']) {
      expect(WebUrlSchema.safeParse(bad).success).toBe(false)
    }
  })
})
