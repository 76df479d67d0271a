import { describe, expect, it } from 'vitest'
import { decodeQrPng } from '../../test/helpers/decodeQr.ts'
import { qrPng } from './qrPng.ts'

describe('QR codes as PNG for mails', () => {
  it('draws a code a decoder reads back, small enough for a mail', () => {
    const ticket = `eyJ0eXAiOiJ0aWNrZXQiLCJ0aWQiOiIxYjlkIn0.${'A'.repeat(86)}`
    const png = qrPng(ticket)
    expect(png.readUInt32BE(16)).toBe(png.readUInt32BE(20))
    expect(decodeQrPng(png)).toBe(ticket)
    expect(png.length).toBeLessThan(8000)
  })
})
