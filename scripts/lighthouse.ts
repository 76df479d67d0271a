// npm run lighthouse: Lighthouse's mobile profile (simulated slow 4G, 4× CPU
// slowdown) on the start page, a network page and an event page of the built
// app, served by the real server on a scratch SQLite database with the demo
// data. The score is noisy on a shared machine: each page runs three times and
// its best run counts; if that is below the page's floor, up to three more runs
// decide (a busy CI machine had a page's three runs all land 0.01 under).
// The issue's target is performance 0.95 on every page, not met yet on any (the
// first visit's start-up work: see the closing note of issue 16). Until it is,
// each page's floor is its score today less a margin for a busy machine's noise,
// so that a regression fails npm test.
import lighthouse from 'lighthouse'
import * as chromeLauncher from 'chrome-launcher'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM_ARGS, findChromium } from './chromium.ts'
import { spawnServer } from '../test/helpers/serverProcess.ts'
import { labelledId } from '../server/db/seed/labelledId.ts'

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3)
/** Runs a page may take in all when its best so far is below a floor. */
const MAX_RUNS = Math.max(RUNS, Number(process.env.LIGHTHOUSE_MAX_RUNS ?? 6))
const TARGET = 0.95
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const
type Category = (typeof CATEGORIES)[number]
/**
 * Below these, npm test fails. Performance: the lowest best-of-three seen on this 2-core machine (2026-12-03)
 * less about 0.05 for noise; accessibility and best practices: nothing less than 1.
 */
const PAGES: { name: string; path: string; floors: Record<Category, number> }[] = [
  { name: 'start page', path: '/', floors: { performance: 0.78, accessibility: 1, 'best-practices': 1 } },
  { name: 'network page', path: '/n/x-imk', floors: { performance: 0.66, accessibility: 1, 'best-practices': 1 } },
  {
    name: 'event page',
    path: `/e/${labelledId('ev-ximk-fagdag')}`,
    floors: { performance: 0.68, accessibility: 1, 'best-practices': 1 },
  },
]
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']

const chromePath = findChromium()
if (!chromePath) throw new Error('No Chromium: see scripts/chromium.ts')
const dataDir = mkdtempSync(join(tmpdir(), 'alumni-lighthouse-'))
const server = await spawnServer({
  CLIENT_DIR: 'dist',
  SQLITE_FILE: join(dataDir, 'alumni.sqlite'),
  DEMO_MEMBERS: '2000',
})

interface Run {
  scores: Record<Category, number>
  metrics: string[]
  failing: string[]
}
async function audit(url: string): Promise<Run> {
  // A new browser each run: a first visit, with no service worker or IndexedDB from the last.
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath!,
    chromeFlags: [...CHROMIUM_ARGS, '--headless=new'],
  })
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    })
    const lhr = result!.lhr
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? 0])) as Record<
      Category,
      number
    >
    const metrics = METRICS.map((m) => `${m.replace(/-/g, ' ')} ${lhr.audits[m]?.displayValue ?? '?'}`)
    const failing = Object.values(lhr.categories)
      .filter((c) => c.id !== 'performance')
      .flatMap((c) => c.auditRefs.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1))
      .map((ref) => ref.id)
    return { scores, metrics, failing }
  } finally {
    chrome.kill()
  }
}

let isBelowFloor = false
try {
  for (const page of PAGES) {
    const runs: Run[] = []
    const top = (c: Category) => Math.max(...runs.map((r) => r.scores[c]))
    // Only performance is noisy enough to retry; the other categories' audits give the same answer each run.
    const isFastEnough = () => top('performance') >= page.floors.performance
    while (runs.length < RUNS || (runs.length < MAX_RUNS && !isFastEnough()))
      runs.push(await audit(`${server.url}${page.path}`))
    const best = runs.reduce((a, b) => (b.scores.performance > a.scores.performance ? b : a))
    const line = CATEGORIES.map((c) => {
      if (top(c) < page.floors[c]) isBelowFloor = true
      return `${c} ${top(c).toFixed(2)}${top(c) < page.floors[c] ? ` (below its floor ${page.floors[c]})` : ''}`
    })
    console.log(`${page.name} (${page.path}): ${line.join(', ')}`)
    console.log(`  best run: ${best.metrics.join(', ')}`)
    console.log(`  all runs, performance: ${runs.map((r) => r.scores.performance.toFixed(2)).join(' ')}`)
    if (best.failing.length) console.log(`  failing audits: ${best.failing.join(', ')}`)
  }
} finally {
  server.child.kill('SIGTERM')
  await server.exited
  rmSync(dataDir, { recursive: true, force: true })
}
console.log(
  `Lighthouse mobile, best of ${RUNS} (up to ${MAX_RUNS} below a floor): target performance ${TARGET} on every page`,
)
if (isBelowFloor) process.exit(1)
