// A cheap phone, as the person holding it waits: the built app, served by the
// real server, in Chromium with the DevTools protocol's CPU throttling at 6×.
// - first visit (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up): navigation
//   to the networks list in the DOM; repeat visit (service worker, same
//   network): the same;
// - a 40,000-member directory: key press to the result list matching what
//   has been typed, once the directory is on the phone and while it
//   downloads, with the download's time and its long tasks.
// Each beside its baseline from the same run and the same throttling: a
// static page with the list in its HTML, and a bare script that scans the
// same 40,000 lines and writes 50 list items on every key.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import type { BrowserContext, Page } from 'playwright-core'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { seedIfEmpty } from '../server/db/seed/index.ts'
import { syntheticAlumni } from '../server/db/seed/syntheticAlumni.ts'
import { readConfig } from '../server/config.ts'
import { startServer } from '../server/start.ts'
import { launchChromium } from '../scripts/chromium.ts'
import { precompress } from '../scripts/precompress.ts'
import { LARGE_NETWORK_SLUG, MEMBERS, VIEWER_EMAIL, seedLargeNetwork } from './largeNetwork.ts'
import { cheapPhoneProbe } from './cheapPhoneProbe.ts'

const CPU_SLOWDOWN = 6
const SLOW_NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 }
const VISITS = 3
const WORDS = 24
const KEY_GAP_MS = 250
const TARGETS = { keyP95: 50, repeatVisit: 1500, firstVisit: 3000 }

interface Probe {
  networksAt: number | null
  waits: number[]
  alreadyRight: number
  longTasks: { start: number; duration: number }[]
  settled: (n: number, timeout: number) => Promise<void>
}

const ms = (n: number) => `${n.toFixed(0)} ms`
const median = (values: number[]) => percentile(values, 0.5)
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}
const readProbe = (page: Page) =>
  page.evaluate(() => {
    const { networksAt, waits, alreadyRight, longTasks } = (window as unknown as { __probe: Probe }).__probe
    return { networksAt, waits, alreadyRight, longTasks }
  })

/** Opens a page whose main thread runs `CPU_SLOWDOWN` times slower, optionally on the slow network. */
async function throttledPage(context: BrowserContext, isSlowNetwork: boolean): Promise<Page> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  if (isSlowNetwork) {
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK)
  }
  return page
}

/** Navigation start to the networks list in the DOM, in the page's clock. */
async function timeToList(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(() => (window as unknown as { __probe: Probe }).__probe.networksAt !== null, null, {
    timeout: 60_000,
  })
  return (await readProbe(page)).networksAt!
}

/** First visits, each in a new context, then repeat visits in the last one (its service worker in control). */
async function visits(newContext: () => Promise<BrowserContext>, url: string, hasWorker: boolean) {
  const first: number[] = []
  const repeat: number[] = []
  let context: BrowserContext | null = null
  for (let i = 0; i < VISITS; i++) {
    await context?.close()
    context = await newContext()
    const page = await throttledPage(context, true)
    first.push(await timeToList(page, url))
    if (hasWorker)
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 })
    await page.close()
  }
  for (let i = 0; i < VISITS; i++) {
    const page = await throttledPage(context!, true)
    repeat.push(await timeToList(page, url))
    await page.close()
  }
  await context!.close()
  return { first, repeat }
}

/** Types each word's first letters into the search field, a key every `KEY_GAP_MS` after the list settles; answers the probe. */
async function typeWords(page: Page, words: string[], until: () => Promise<boolean> = async () => false) {
  const field = page.locator('#directory-search')
  for (const word of words) {
    if (await until()) break
    await field.fill('')
    await page.waitForTimeout(KEY_GAP_MS * 2)
    for (const letter of word) {
      const before = await readProbe(page)
      await page.keyboard.press(letter)
      // Waits for the list to be right (or gives up after 5 s), then a person's pause.
      await page.evaluate(
        (n) => (window as unknown as { __probe: Probe }).__probe.settled(n, 5000),
        before.waits.length + before.alreadyRight + 1,
      )
      await page.waitForTimeout(KEY_GAP_MS)
    }
  }
  return readProbe(page)
}

function describeWaits(label: string, probe: Omit<Probe, 'settled'>, baselineP95?: number): void {
  const w = probe.waits
  console.log(
    `${label}: ${w.length} keys, median ${ms(median(w))}, p95 ${ms(percentile(w, 0.95))}, max ${ms(Math.max(...w))}` +
      (baselineP95 === undefined ? '' : `; bare scan p95 ${ms(baselineP95)}`) +
      ` (target p95 <= ${TARGETS.keyP95} ms; ${probe.alreadyRight} keys left the list as it was)`,
  )
}

/** The words a person looks up: first and last names the directory holds, only a–z so every key is one key press. */
function wordsToType(names: string[]): string[] {
  const words = new Set<string>()
  for (let i = 0; words.size < WORDS && i < names.length * 4; i++) {
    const parts = names[(i * 7919) % names.length]!.toLowerCase().split(' ')
    const word = parts[i % parts.length]!.slice(0, 6)
    if (/^[a-z]{3,}$/.test(word)) words.add(word)
  }
  return [...words]
}

export async function benchCheapPhone(): Promise<void> {
  console.log(
    `\n== a cheap phone: ${CPU_SLOWDOWN}x CPU slowdown, built app, ${MEMBERS.toLocaleString('en')}-member directory ==`,
  )
  const dir = mkdtempSync(join(tmpdir(), 'alumni-bench-phone-'))
  const sqliteFile = join(dir, 'bench.sqlite')
  const { db, close } = openDatabase({ databaseUrl: null, sqliteFile })
  await migrateToLatest(db, 'sqlite')
  await seedIfEmpty(db, 'sqlite', { members: 0 })
  await seedLargeNetwork(db)
  await close()

  const clientDir = join(dir, 'client')
  const root = new URL('..', import.meta.url).pathname
  await build({
    root: join(root, 'client'),
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: clientDir },
  })
  precompress(clientDir)
  mkdirBaselines(clientDir)

  const server = await startServer({
    ...readConfig({}),
    port: 0,
    host: '127.0.0.1',
    sqliteFile,
    databaseUrl: null,
    logLevel: 'warn' as const,
    isDemo: true,
    demoMembers: 0,
    clientDir,
  })
  const url = `http://localhost:${server.port}`
  const browser = await launchChromium()
  const newContext = async () => {
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 740 } })
    await context.addInitScript(cheapPhoneProbe)
    return context
  }
  try {
    const bare = await visits(newContext, `${url}/bench/visit.html`, false)
    const app = await visits(newContext, url, true)
    console.log(
      `first visit, networks list in the DOM: median ${ms(median(app.first))} (${app.first.map(ms).join(', ')}); static page ${ms(median(bare.first))} (target <= ${TARGETS.firstVisit} ms)`,
    )
    console.log(
      `repeat visit: median ${ms(median(app.repeat))} (${app.repeat.map(ms).join(', ')}); static page ${ms(median(bare.repeat))} (target <= ${TARGETS.repeatVisit} ms)`,
    )

    const { profiles } = syntheticAlumni(MEMBERS, new Date().toISOString())
    const words = wordsToType(profiles.map((p) => p.name))

    // The floor: the bare scan of the same lines, same throttling.
    const bareContext = await newContext()
    const barePage = await throttledPage(bareContext, false)
    await barePage.goto(`${url}/bench/search.html`)
    await barePage.locator('#status[data-ready]').waitFor({ timeout: 60_000 })
    const bareProbe = await typeWords(barePage, words)
    await bareContext.close()

    // The app, its directory already on the phone (downloaded unthrottled).
    const context = await newContext()
    const signIn = await context.request.post(`${url}/api/auth/dev/sign-in`, {
      data: { email: VIEWER_EMAIL },
      headers: { origin: url },
    })
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`)
    const loading = await context.newPage()
    await loading.goto(`${url}/n/${LARGE_NETWORK_SLUG}/members`)
    await waitForDirectory(loading, MEMBERS, 180_000)
    await loading.close()
    const page = await throttledPage(context, false)
    await page.goto(`${url}/n/${LARGE_NETWORK_SLUG}/members`)
    await waitForDirectory(page, MEMBERS, 60_000)
    // BENCH_PROFILE=file.cpuprofile keeps a CPU profile of this typing, to open in DevTools.
    const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null
    await profiler?.send('Profiler.enable')
    await profiler?.send('Profiler.start')
    describeWaits(
      `key press to the list, ${MEMBERS.toLocaleString('en')} entries on the phone`,
      await typeWords(page, words),
      percentile(bareProbe.waits, 0.95),
    )
    if (profiler)
      writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await profiler.send('Profiler.stop')).profile))
    await context.close()

    // The app while the directory downloads: a new phone, throttled from the start.
    const fresh = await newContext()
    const signInFresh = await fresh.request.post(`${url}/api/auth/dev/sign-in`, {
      data: { email: VIEWER_EMAIL },
      headers: { origin: url },
    })
    if (!signInFresh.ok()) throw new Error(`sign-in failed: ${signInFresh.status()}`)
    const downloading = await throttledPage(fresh, false)
    const downloadProfiler = process.env.BENCH_PROFILE ? await fresh.newCDPSession(downloading) : null
    await downloadProfiler?.send('Profiler.enable')
    await downloadProfiler?.send('Profiler.start')
    const started = Date.now()
    await downloading.goto(`${url}/n/${LARGE_NETWORK_SLUG}/members`)
    await downloading.locator('#directory-search').waitFor({ timeout: 60_000 })
    const typedFrom = await downloading.evaluate(() => performance.now())
    const during = await typeWords(downloading, [...words, ...words], () => hasDirectory(downloading, MEMBERS))
    await waitForDirectory(downloading, MEMBERS, 600_000)
    const downloadMs = Date.now() - started
    if (downloadProfiler)
      writeFileSync(
        process.env.BENCH_PROFILE!.replace(/(\.cpuprofile)?$/, '.download.cpuprofile'),
        JSON.stringify((await downloadProfiler.send('Profiler.stop')).profile),
      )
    const duringLong = (await readProbe(downloading)).longTasks.filter((t) => t.start >= typedFrom)
    describeWaits('key press to the list while the directory downloads', during)
    console.log(
      `  download of ${MEMBERS.toLocaleString('en')} entries at ${CPU_SLOWDOWN}x: ${ms(downloadMs)} to the last one listed; ` +
        `${duringLong.length} long tasks (> 50 ms) meanwhile, longest ${ms(Math.max(0, ...duringLong.map((t) => t.duration)))} (target: none)`,
    )
    await fresh.close()
  } finally {
    await browser.close()
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }

  function mkdirBaselines(into: string): void {
    const bench = join(into, 'bench')
    rmSync(bench, { recursive: true, force: true })
    // Beside the app, so they come from the same server with the same headers.
    copyDir(new URL('./bare', import.meta.url).pathname, bench)
    const { profiles } = syntheticAlumni(MEMBERS, new Date().toISOString())
    writeFileSync(
      join(bench, 'names.json'),
      JSON.stringify(
        profiles.map((p) => [p.name, p.employer, p.programme, p.graduationYear, p.city].filter(Boolean).join(' · ')),
      ),
    )
  }
}

function copyDir(from: string, to: string): void {
  mkdirSync(to, { recursive: true })
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name))
}

/** The number in the directory's count line ("1 234 treff av 40 001 medlemmer": the last one). */
async function listedMembers(page: Page): Promise<number> {
  const text = (await page.getByTestId('directory-count').textContent()) ?? ''
  const numbers = text.match(/\d[\d\s\u00a0\u202f]*/g) ?? []
  return Number((numbers.at(-1) ?? '0').replace(/\D/g, ''))
}
const hasDirectory = async (page: Page, members: number) => (await listedMembers(page)) >= members

async function waitForDirectory(page: Page, members: number, timeout: number): Promise<void> {
  const until = Date.now() + timeout
  while (!(await hasDirectory(page, members))) {
    if (Date.now() > until) throw new Error(`the directory did not reach ${members} entries`)
    await page.waitForTimeout(500)
  }
}
