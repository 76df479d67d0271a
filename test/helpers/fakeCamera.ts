import { writeFileSync } from 'node:fs'
import { encode } from 'uqr'

const WIDTH = 640
const HEIGHT = 480

/**
 * Writes a short Y4M video of a QR code on white, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`): a phone camera held over a ticket,
 * the one part of door check-in that cannot run here for real.
 */
export function writeQrVideo(text: string, file: string): void {
  const qr = encode(text, { ecc: 'M', border: 4 })
  const scale = Math.floor((Math.min(WIDTH, HEIGHT) * 0.9) / qr.size)
  const left = Math.floor((WIDTH - qr.size * scale) / 2)
  const top = Math.floor((HEIGHT - qr.size * scale) / 2)
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235)
  qr.data.forEach((row, y) =>
    row.forEach((isDark, x) => {
      if (!isDark) return
      for (let dy = 0; dy < scale; dy++)
        luma.fill(
          16,
          (top + y * scale + dy) * WIDTH + left + x * scale,
          (top + y * scale + dy) * WIDTH + left + (x + 1) * scale,
        )
    }),
  )
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`),
      ...Array.from({ length: 10 }, () => frame),
    ]),
  )
}
