// The member directory of a 40,000-member network (NTNU's size): what the
// server spends and sends for the first sync, what applying it costs in
// Chromium against a bare Dexie bulkPut of the same records, how fast
// search-as-you-type is on the device, and what one changed field costs.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { seedIfEmpty } from '../server/db/seed/index.ts'
import { pullChanges } from '../server/sync/pull.ts'
import { pushMutations } from '../server/sync/push.ts'
import { readConfig } from '../server/config.ts'
import { startServer } from '../server/start.ts'
import { launchChromium } from '../scripts/chromium.ts'
import { networkMembersScope } from '../shared/sync/scopes.ts'
import { SYNC_PROTOCOL_VERSION } from '../shared/sync/version.ts'
import type { PullResponse } from '../shared/sync/protocol.ts'
import { LARGE_NETWORK as NETWORK, MEMBERS, VIEWER, seedLargeNetwork } from './largeNetwork.ts'

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`

export async function benchDirectory(): Promise<void> {
  console.log(`\n== member directory, ${MEMBERS.toLocaleString('en')} members (SQLite server, Chromium device) ==`)
  const dir = mkdtempSync(join(tmpdir(), 'alumni-bench-dir-'))
  const sqliteFile = join(dir, 'bench.sqlite')
  const { db, close } = openDatabase({ databaseUrl: null, sqliteFile })
  await migrateToLatest(db, 'sqlite')
  await seedIfEmpty(db, 'sqlite', { members: 0 })
  await seedLargeNetwork(db)

  // Server: the initial sync of the viewer, page by page, against one bare select + JSON of the scope.
  let cursors: Record<string, number> = {}
  let serverMs = 0
  let raw = 0
  let gzip = 0
  let pages = 0
  for (;;) {
    const started = performance.now()
    const page: PullResponse = await pullChanges(db, VIEWER, {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      cursors,
      limit: 1000,
    })
    const body = JSON.stringify(page)
    serverMs += performance.now() - started
    raw += body.length
    gzip += gzipSync(body).length
    pages++
    cursors = page.cursors
    if (!page.hasMore) break
  }
  const bareStarted = performance.now()
  JSON.stringify(
    await db
      .selectFrom('changeLog')
      .selectAll()
      .where('scope', '=', networkMembersScope(NETWORK))
      .orderBy('seq')
      .execute(),
  )
  const bareMs = performance.now() - bareStarted
  console.log(
    `server, initial sync: ${ms(serverMs)} for ${pages} pages (bare select+JSON of the scope ${ms(bareMs)}; ratio ${(serverMs / bareMs).toFixed(2)}x)`,
  )
  console.log(`  on the wire: ${kb(gzip)} gzip (${kb(raw)} raw), ${(gzip / MEMBERS).toFixed(0)} B per member`)

  // One member changes one field: what the viewer's next sync costs.
  const someone = await db
    .selectFrom('person')
    .select('id')
    .where('email', 'like', '%@alumni.example')
    .limit(1)
    .executeTakeFirstOrThrow()
  await pushMutations(db, someone.id, {
    clientId: `bench-field-${Date.now()}`,
    protocolVersion: SYNC_PROTOCOL_VERSION,
    mutations: [{ id: 1, name: 'profile.update', args: { patch: { employer: 'Ny Arbeidsgiver AS' } } }],
  })
  const next = JSON.stringify(
    await pullChanges(db, VIEWER, { protocolVersion: SYNC_PROTOCOL_VERSION, cursors, limit: 1000 }),
  )
  console.log(
    `next sync after one member changed one field: ${next.length} B raw, ${gzipSync(next).length} B gzip (target < 2 KB)`,
  )
  await close()

  // The device: the app's own code in Chromium, against the real server.
  const outDir = join(dir, 'client')
  await build({
    root: new URL('./browser', import.meta.url).pathname,
    configFile: false,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  })
  const config = {
    ...readConfig({}),
    port: 0,
    host: '127.0.0.1',
    sqliteFile,
    databaseUrl: null,
    logLevel: 'warn' as const,
    isDemo: true,
    demoMembers: 0,
    clientDir: outDir,
  }
  const server = await startServer(config)
  const browser = await launchChromium()
  try {
    const url = `http://localhost:${server.port}`
    const context = await browser.newContext()
    const signIn = await context.request.post(`${url}/api/auth/dev/sign-in`, {
      data: { email: 'alumn@demo.example' },
      headers: { origin: url },
    })
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`)
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction(() => 'runDirectoryBench' in window)
    const r = await page.evaluate(
      (scope) =>
        (
          window as unknown as { runDirectoryBench: (scope: string) => Promise<Record<string, number>> }
        ).runDirectoryBench(scope),
      networkMembersScope(NETWORK),
    )
    console.log(
      `device, apply ${r.changes} changes (${r.pages} pages): ${ms(r.applyMs!)}; bare Dexie bulkPut of the same records ${ms(r.bareMs!)}; ratio ${(r.applyMs! / r.bareMs!).toFixed(2)}x (target < 2x)`,
    )
    console.log(
      `  plain bulkPut of as many rows into a store with only its key: ${ms(r.plainMs!)}; apply / plain ${(r.applyMs! / r.plainMs!).toFixed(2)}x (issue 16 target <= 1.5x)`,
    )
    console.log(
      `device, open the directory of ${r.memberRows} entries: first 50 names after ${ms(r.firstMs!)}, whole index after ${ms(r.loadMs!)}`,
    )
    console.log(
      `device, search as you type over ${r.memberRows} entries, ${r.keystrokes} keystrokes: median ${ms(r.searchMedian!)}, p95 ${ms(r.searchP95!)}, max ${ms(r.searchMax!)} (target p95 < 16 ms)`,
    )
    console.log(`  bare includes() scan of the names alone: median ${ms(r.bareScanMedian!)}, p95 ${ms(r.bareScanP95!)}`)
  } finally {
    await browser.close()
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
