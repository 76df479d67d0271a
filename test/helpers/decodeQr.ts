import type { Locator } from 'playwright-core'
import { inflateSync } from 'node:zlib'
import decodeQR from 'qr/decode.js'

/**
 * Reads the QR code an element shows, from its pixels: the page draws the
 * element's SVG on a canvas, and a third-party decoder (paulmillr's `qr`)
 * reads the RGBA image here, as a phone's camera would read the screen.
 */
export async function decodeQrIn(svg: Locator): Promise<string> {
  const image = await svg.evaluate(async (element) => {
    const markup = new XMLSerializer().serializeToString(element)
    const picture = new Image()
    picture.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(markup)))}`
    await picture.decode()
    const size = 600
    const canvas = document.createElement('canvas')
    canvas.width = size
    canvas.height = size
    const context = canvas.getContext('2d')!
    context.imageSmoothingEnabled = false
    context.drawImage(picture, 0, 0, size, size)
    return { width: size, height: size, data: Array.from(context.getImageData(0, 0, size, size).data) }
  })
  return decodeQR({ width: image.width, height: image.height, data: Uint8Array.from(image.data) })
}

/**
 * Reads the QR code in a one-bit greyscale PNG (as `server/lib/qrPng.ts`
 * writes them for mails) with nothing but the format's rules and the same
 * third-party decoder: the PNG's chunks, its inflated rows, one bit a pixel.
 */
export function decodeQrPng(png: Buffer): string {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    throw new Error('not a PNG')
  let width = 0,
    height = 0
  const idat: Buffer[] = []
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at)
    const type = png.toString('ascii', at + 4, at + 8)
    const data = png.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      if (data[8] !== 1 || data[9] !== 0) throw new Error('not a one-bit greyscale PNG')
    }
    if (type === 'IDAT') idat.push(data)
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const rowBytes = Math.ceil(width / 8)
  const rgba = new Uint8Array(width * height * 4).fill(255)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const isWhite = (raw[y * (rowBytes + 1) + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1
      if (!isWhite) rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3)
    }
  }
  return decodeQR({ width, height, data: rgba })
}
