// Renders client/public/icons/icon.svg to the PNG icons the manifest and iOS need.
// Run after changing the SVG: node scripts/make-icons.ts (the PNGs are committed).
import { readFileSync, writeFileSync } from 'node:fs'
import { launchChromium } from './chromium.ts'

const svg = readFileSync('client/public/icons/icon.svg', 'utf8')
const browser = await launchChromium()
const page = await browser.newPage()

async function render(file: string, size: number, padding: number, background: string): Promise<void> {
  await page.setViewportSize({ width: size, height: size })
  const inner = size - 2 * padding
  await page.setContent(`<html><body style="margin:0;background:${background};width:${size}px;height:${size}px;display:grid;place-items:center">
    <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`)
  writeFileSync(file, await page.screenshot({ omitBackground: background === 'transparent' }))
}

await render('client/public/icons/icon-192.png', 192, 0, 'transparent')
await render('client/public/icons/icon-512.png', 512, 0, 'transparent')
// Maskable: the platform may crop to a circle; keep the drawing inside the 80 % safe zone.
await render('client/public/icons/maskable-512.png', 512, 56, '#1d3557')
await render('client/public/icons/apple-touch-icon.png', 180, 0, '#1d3557')
await browser.close()
console.log('icons written')
