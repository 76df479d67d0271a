import { crc32, deflateSync } from 'node:zlib'
import { encode } from 'uqr'

/** One PNG chunk: length, type, data, and the CRC of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A QR code as a PNG image, black on white with a quiet zone, for mails:
 * mail programs show PNG where many do not show SVG. `uqr` encodes the code;
 * the PNG is a one-bit greyscale image, a few hundred bytes.
 *
 * @example qrPng(ticket) // Buffer starting with the PNG signature
 */
export function qrPng(text: string, moduleSize = 8): Buffer {
  const { data } = encode(text, { border: 4 })
  const modules = data.length
  const side = modules * moduleSize
  const rowBytes = Math.ceil(side / 8)
  const raw = Buffer.alloc((rowBytes + 1) * side)
  for (let y = 0; y < side; y++) {
    const row = data[Math.floor(y / moduleSize)]!
    const offset = y * (rowBytes + 1) // the first byte of each row: filter type 0 (none)
    for (let x = 0; x < side; x++) {
      // One bit per pixel, 1 for white: set the bit of each light module.
      if (!row[Math.floor(x / moduleSize)]) raw[offset + 1 + (x >> 3)]! |= 0x80 >> (x & 7)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header[8] = 1 // bit depth
  header[9] = 0 // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
