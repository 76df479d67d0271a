// The first route's JavaScript budget: at most 100 KB gzip in total, read from
// Vite's build manifest (the entry, the start page, and what they load at once).
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const BUDGET_KB = 100
const FIRST_ROUTE = 'features/networks/NetworksPage.vue'
const dist = 'dist'

interface Chunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  src?: string
}
let manifest: Record<string, Chunk>
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>
} catch {
  console.error('No build manifest: run `npm run build` first.')
  process.exit(2)
}

const files = new Set<string>()
function include(key: string): void {
  const chunk = manifest[key]
  if (!chunk || files.has(chunk.file)) return
  files.add(chunk.file)
  for (const imported of chunk.imports ?? []) include(imported)
}
const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!
include(entryKey)
include(FIRST_ROUTE)
// Loaded at start without navigation, and counted: the service worker registration (workbox-window), the
// card keys and the push subscription's key check. Not counted: the other routes, passkeys (on sign-in), and the rest of the messages, which load
// after the first paint and only other routes wait for (client/i18n/index.ts).
const isNotAtStart = (key: string) =>
  key.endsWith('Page.vue') || key.includes('virtual:messages/') || manifest[key]?.file.includes('passkeys')
for (const dynamic of manifest[entryKey]!.dynamicImports ?? []) {
  if (!isNotAtStart(dynamic)) include(dynamic)
}

let total = 0
for (const file of [...files].filter((f) => f.endsWith('.js'))) {
  const gzipped = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  total += gzipped
  console.log(`  ${(gzipped / 1024).toFixed(1).padStart(6)} KB  ${file}`)
}
const totalKb = total / 1024
console.log(`First route JavaScript: ${totalKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`)
if (totalKb > BUDGET_KB) {
  console.error(`Over budget by ${(totalKb - BUDGET_KB).toFixed(1)} KB`)
  process.exit(1)
}
