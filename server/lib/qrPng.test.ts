import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import decodeQR from 'qr/decode.js'
import { qrPng } from './qrPng.ts'

/** Reads back a one-bit greyscale PNG as RGBA, with nothing but the format's own rules. */
function readPng(png: Buffer): { width: number, height: number, data: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  let offset = 8
  let width = 0, height = 0
  const idat: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('ascii', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); expect([data[8], data[9]]).toEqual([1, 0]) }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const rowBytes = Math.ceil(width / 8)
  const rgba = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const isWhite = (raw[y * (rowBytes + 1) + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1
      rgba.fill(isWhite ? 255 : 0, (y * width + x) * 4, (y * width + x) * 4 + 3)
      rgba[(y * width + x) * 4 + 3] = 255
    }
  }
  return { width, height, data: rgba }
}

describe('QR codes as PNG for mails', () => {
  it('draws a code a decoder reads back, with a quiet zone', () => {
    const ticket = `eyJ0eXAiOiJ0aWNrZXQiLCJ0aWQiOiIxYjlkIn0.${'A'.repeat(86)}`
    const png = qrPng(ticket)
    const image = readPng(png)
    expect(image.width).toBe(image.height)
    expect(Array.from(image.data.subarray(0, 4))).toEqual([255, 255, 255, 255])
    expect(decodeQR(image)).toBe(ticket)
    expect(png.length).toBeLessThan(8000)
  })
})
