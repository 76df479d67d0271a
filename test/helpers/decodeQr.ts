import type { Locator } from 'playwright-core'
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
