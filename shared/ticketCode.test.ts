import { describe, expect, it } from 'vitest'
import { formatShortCode, readShortCode, ticketShortCode } from './ticketCode.ts'

describe('ticket short codes', () => {
  it('makes eight unambiguous characters from a ticket id, the same every time', () => {
    const id = crypto.randomUUID()
    const code = ticketShortCode(id)
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(ticketShortCode(id)).toBe(code)
    expect(ticketShortCode('00000000-0000-4000-8000-000000000000')).toBe('00000000')
    expect(ticketShortCode('ffffffff-ff00-4000-8000-000000000000')).toBe('ZZZZZZZZ')
  })

  it('reads a code as people type it: any case, spaces and dashes, O for 0 and I or L for 1', () => {
    const code = ticketShortCode(crypto.randomUUID())
    expect(readShortCode(formatShortCode(code).toLowerCase())).toBe(code)
    expect(readShortCode(` ${code.slice(0, 4)} ${code.slice(4)} `)).toBe(code)
    expect(readShortCode('0O1I-L1ab')).toBe('001111AB')
    expect(readShortCode('short')).toBeNull()
    expect(readShortCode('UUUUUUUU')).toBeNull()
    expect(readShortCode('eyJ0eXAiOiJ0aWNrZXQifQ.sig')).toBeNull()
  })

  it('keeps the codes of a large event apart', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => ticketShortCode(crypto.randomUUID())))
    expect(codes.size).toBe(5000)
  })
})
