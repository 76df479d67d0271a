// Door check-in: how many tickets a phone judges per second offline (the
// app's verdict code in Chromium, against the bare Ed25519 checks of the same
// tickets), how many check-in uploads the server takes per second (against a
// bare Hono route and a bare insert route on the same database, same HTTP
// client, same run), and how long 500 scans queued offline take to upload.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { Hono } from 'hono'
import { serve } from '@hono/node-server'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { seedIfEmpty } from '../server/db/seed/index.ts'
import { publicKeys } from '../server/lib/signing.ts'
import { readConfig } from '../server/config.ts'
import { startServer } from '../server/start.ts'
import { launchChromium } from '../scripts/chromium.ts'
import { SYNC_PROTOCOL_VERSION } from '../shared/sync/version.ts'
import { labelledId } from '../server/db/seed/labelledId.ts'
import { seedFagdag } from './fagdag.ts'

const TICKETS = 2000
const SERVER_UPLOADS = 500
const QUEUED_SCANS = 500
const EVENT = labelledId('ev-bench-door')
const STAFF = labelledId('p-demo-admin')

const ms = (n: number) => `${n.toFixed(0)} ms`
const perSecond = (count: number, took: number) => `${((count / took) * 1000).toFixed(0)}/s`

/** Sends one scan per request, one after another, as a door phone online does. */
async function uploadOneByOne(url: string, cookie: string, registrationIds: string[]): Promise<number> {
  const clientId = `bench-door-${Date.now()}-${url.length}`
  const started = performance.now()
  for (const [i, id] of registrationIds.entries()) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(url).origin, cookie },
      body: JSON.stringify({
        clientId,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        sentAt: new Date().toISOString(),
        mutations: [
          {
            id: i + 1,
            name: 'checkIn.record',
            args: {
              scan: {
                id: randomUUID(),
                eventId: EVENT,
                registrationId: id,
                deviceId: 'bench',
                scannedAt: new Date().toISOString(),
                method: 'scan',
              },
            },
          },
        ],
      }),
    })
    if (!res.ok) throw new Error(`upload failed: ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
  }
  return performance.now() - started
}

export async function benchDoor(): Promise<void> {
  console.log(`\n== door check-in, ${TICKETS.toLocaleString('en')} tickets (SQLite server, Chromium device) ==`)
  const dir = mkdtempSync(join(tmpdir(), 'alumni-bench-door-'))
  const sqliteFile = join(dir, 'bench.sqlite')
  const { db, close } = openDatabase({ databaseUrl: null, sqliteFile })
  await migrateToLatest(db, 'sqlite')
  await seedIfEmpty(db, 'sqlite', { members: 0 })
  const { event, attendees, tokens } = await seedFagdag(db, { eventId: EVENT, tickets: TICKETS, prefix: 'p-door' })
  const { keys } = await publicKeys(db)

  const outDir = join(dir, 'client')
  await build({
    root: new URL('./browser', import.meta.url).pathname,
    configFile: false,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  })
  const server = await startServer({
    ...readConfig({}),
    port: 0,
    host: '127.0.0.1',
    sqliteFile,
    databaseUrl: null,
    logLevel: 'warn' as const,
    isDemo: true,
    demoMembers: 0,
    clientDir: outDir,
  })
  const url = `http://localhost:${server.port}`

  // The bare routes: the same HTTP client and body; one answers at once, one inserts the scan row in a transaction.
  const bare = new Hono()
    .post('/bare', async (c) =>
      c.json({
        results: [
          { id: ((await c.req.json()) as { mutations: { id: number }[] }).mutations[0]!.id, status: 'applied' },
        ],
      }),
    )
    .post('/bare-insert', async (c) => {
      const body = (await c.req.json()) as {
        mutations: { id: number; args: { scan: { id: string; registrationId: string; scannedAt: string } } }[]
      }
      const { scan } = body.mutations[0]!.args
      await db.transaction().execute((trx) =>
        trx
          .insertInto('checkIn')
          .values({
            id: scan.id,
            eventId: EVENT,
            registrationId: scan.registrationId,
            deviceId: 'bare',
            operatorId: STAFF,
            scannedAt: scan.scannedAt,
            correctedAt: scan.scannedAt,
            method: 'scan',
            verdict: 'admitted',
          })
          .execute(),
      )
      return c.json({ results: [{ id: body.mutations[0]!.id, status: 'applied' }] })
    })
  const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const bareAddress = bareServer.address() as { port: number }
  const bareUrl = `http://127.0.0.1:${bareAddress.port}`

  const browser = await launchChromium()
  try {
    const signIn = await fetch(`${url}/api/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: 'admin@demo.example' }),
    })
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
    const ids = (from: number) => attendees.slice(from, from + SERVER_UPLOADS).map((a) => a.id)
    const appMs = await uploadOneByOne(`${url}/api/sync/push`, cookie, ids(1000))
    const bareMs = await uploadOneByOne(`${bareUrl}/bare`, cookie, ids(1000))
    const bareInsertMs = await uploadOneByOne(`${bareUrl}/bare-insert`, cookie, ids(1500))
    console.log(
      `server, ${SERVER_UPLOADS} check-in uploads one by one: ${ms(appMs)} (${perSecond(SERVER_UPLOADS, appMs)}); bare Hono route ${ms(bareMs)} (${perSecond(SERVER_UPLOADS, bareMs)}), ratio ${(appMs / bareMs).toFixed(1)}x; bare insert route ${ms(bareInsertMs)} (${perSecond(SERVER_UPLOADS, bareInsertMs)}), ratio ${(appMs / bareInsertMs).toFixed(1)}x`,
    )

    const context = await browser.newContext()
    await context.request.post(`${url}/api/auth/dev/sign-in`, {
      data: { email: 'admin@demo.example' },
      headers: { origin: url },
    })
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction(() => 'runDoorBench' in window)
    const r = await page.evaluate(
      (input) =>
        (
          window as unknown as { runDoorBench: (i: typeof input) => Promise<Record<string, number | string>> }
        ).runDoorBench(input),
      { tokens, attendees, event, keys, personId: STAFF, uploads: QUEUED_SCANS },
    )
    const judgeMs = r.judgeMs as number
    const bareVerifyMs = r.bareVerifyMs as number
    console.log(
      `device, judge ${r.scans} tickets offline (signature, window, serial from IndexedDB): ${ms(judgeMs)}, ${perSecond(r.scans as number, judgeMs)}, ${(judgeMs / (r.scans as number)).toFixed(2)} ms per scan; bare Ed25519 verify ${ms(bareVerifyMs)} (${perSecond(r.scans as number, bareVerifyMs)}), ratio ${(judgeMs / bareVerifyMs).toFixed(2)}x`,
    )
    console.log(
      `device, ${QUEUED_SCANS} scans queued offline: queued in ${ms(r.enqueueMs as number)}; uploaded in ${ms(r.uploadMs as number)} (${perSecond(QUEUED_SCANS, r.uploadMs as number)}), outcome ${r.outcome}, ${r.left} left in the outbox`,
    )
    const stored = await db
      .selectFrom('checkIn')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deviceId', '=', 'bench-door')
      .executeTakeFirstOrThrow()
    console.log(`  the server holds ${stored.n} of them`)
  } finally {
    await browser.close()
    bareServer.close()
    await server.stop()
    await close()
    rmSync(dir, { recursive: true, force: true })
  }
}
