// A fagdag rush and a newsletter day at once, on two server processes behind
// nginx on one PostgreSQL, as production runs: five door phones scan 1,000
// tickets in 60 s while a newsletter goes to 13,000 members by mail (a real
// SMTP server here) and push (a local push endpoint), and one process is
// killed and started again midway. The baseline, in the same run, is the same
// door pace on the quiet service. Figures are what a person waits: scan to
// the server's answer at the door, admission to the count on a staff phone
// that watches the door, and schedule to each mail and push arriving.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { SMTPServer } from 'smtp-server'
import { simpleParser } from 'mailparser'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { seedIfEmpty } from '../server/db/seed/index.ts'
import { labelledId } from '../server/db/seed/labelledId.ts'
import { SYNC_PROTOCOL_VERSION } from '../shared/sync/version.ts'
import type { PullResponse } from '../shared/sync/protocol.ts'
import { scratchDatabase } from '../test/helpers/databases.ts'
import { hasNginx, startProxiedPair, type ProxiedPair } from '../test/helpers/proxiedPair.ts'
import { seedFagdag } from './fagdag.ts'
import { seedSubscribedMembers } from './seedPeople.ts'

const MEMBERS = 13_000
const PHONES = 5
const QUIET_SCANS = 300
const RUSH_SCANS = 1000
const RUSH_MS = 60_000
/** One scan per phone this often: 1,000 in 60 s from five phones. */
const SCAN_EVERY_MS = (RUSH_MS * PHONES) / RUSH_SCANS
const KILL_AT_MS = 20_000
const RESTART_AFTER_MS = 5_000
const NETWORK = labelledId('net-ximk')
const EVENT = labelledId('ev-bench-load')
const STAFF_EMAIL = 'admin@demo.example'

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
const spread = (values: number[]) =>
  `p50 ${quantile(values, 0.5).toFixed(0)} ms, p99 ${quantile(values, 0.99).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (${values.length})`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A mail server that counts what it is given per recipient and keeps the staff's sign-in mail to read its code. */
async function startCountingSmtp() {
  const arrivals = new Map<string, number[]>()
  const signInMails: string[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A sender's pooled connections stay open; closing need not wait for them.
    closeTimeout: 200,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address)
      if (to.includes(STAFF_EMAIL)) {
        simpleParser(stream).then((mail) => {
          signInMails.push(mail.text ?? '')
          callback()
        }, callback)
        return
      }
      stream.on('end', () => {
        const at = performance.now()
        for (const address of to) arrivals.set(address, [...(arrivals.get(address) ?? []), at])
        callback()
      })
      stream.resume()
    },
  })
  // A killed process's pooled connections end in a reset: the mails on them are counted by what arrived.
  server.on('error', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.server.address() as { port: number }
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    signInMails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A push service on loopback that answers 201 and counts what each device was sent (encrypted; not read here). */
async function startCountingPushEndpoint() {
  const arrivals = new Map<string, number[]>()
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const device = req.url!.split('/').at(-1)!
      arrivals.set(device, [...(arrivals.get(device) ?? []), performance.now()])
      res.writeHead(201).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function signInByCode(proxy: string, smtp: Awaited<ReturnType<typeof startCountingSmtp>>): Promise<string> {
  const post = (path: string, body: object) =>
    fetch(`${proxy}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: proxy },
      body: JSON.stringify(body),
    })
  const { challengeId } = (await (
    await post('/api/auth/email/start', { email: STAFF_EMAIL, locale: 'nb' })
  ).json()) as {
    challengeId: string
  }
  while (smtp.signInMails.length === 0) await sleep(50)
  const code = smtp.signInMails[0]!.match(/\b(\d{6})\b/)![1]!
  const verified = await post('/api/auth/email/verify', { challengeId, code })
  if (!verified.ok) throw new Error(`sign-in failed: ${verified.status} ${await verified.text()}`)
  return verified.headers.get('set-cookie')!.split(';')[0]!
}

interface DoorRun {
  /** Scan to the server's answer, per scan. */
  waits: number[]
  /** When each scan's answer came (by check-in id), for the watching phone's lag. */
  answeredAt: Map<string, number>
  resends: number
  refused: number
  /** When (seconds into the run) the scans that waited over a second were made. */
  slowAt: number[]
}

/**
 * Five door phones, each scanning one ticket every SCAN_EVERY_MS and sending
 * what it holds as soon as the last push is answered (as the outbox does: a
 * phone behind sends its waiting scans together; a failed push is sent again
 * as it was, with the same ids).
 */
async function runDoor(proxy: string, cookie: string, registrationIds: string[], run: string): Promise<DoorRun> {
  const result: DoorRun = { waits: [], answeredAt: new Map(), resends: 0, refused: 0, slowAt: [] }
  const perPhone = Math.ceil(registrationIds.length / PHONES)
  const started = performance.now()
  const phone = async (n: number) => {
    const mine = registrationIds.slice(n * perPhone, (n + 1) * perPhone)
    const clientId = `door-${run}-${n}-${randomUUID()}`
    const offset = (SCAN_EVERY_MS / PHONES) * n
    const scannedAt = (i: number) => started + offset + i * SCAN_EVERY_MS
    let next = 0
    let mutationId = 0
    while (next < mine.length) {
      const wait = scannedAt(next) - performance.now()
      if (wait > 0) await sleep(wait)
      const now = performance.now()
      const batch: { mutationId: number; checkInId: string; at: number; registrationId: string }[] = []
      while (next < mine.length && scannedAt(next) <= now && batch.length < 50)
        batch.push({
          mutationId: ++mutationId,
          checkInId: randomUUID(),
          at: scannedAt(next),
          registrationId: mine[next++]!,
        })
      const body = JSON.stringify({
        clientId,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: batch.map((s) => ({
          id: s.mutationId,
          name: 'checkIn.record',
          args: {
            scan: {
              id: s.checkInId,
              eventId: EVENT,
              registrationId: s.registrationId,
              deviceId: `door-${n}`,
              scannedAt: new Date(Date.now() - (performance.now() - s.at)).toISOString(),
              method: 'scan',
            },
          },
        })),
      })
      for (;;) {
        const res = await fetch(`${proxy}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: proxy, cookie },
          body,
        }).catch(() => null)
        if (res?.status === 200) {
          const answer = (await res.json()) as { results: { status: string }[] }
          const at = performance.now()
          result.refused += answer.results.filter((r) => r.status !== 'applied').length
          for (const s of batch) {
            result.waits.push(at - s.at)
            if (at - s.at > 1000) result.slowAt.push((s.at - started) / 1000)
            result.answeredAt.set(s.checkInId, at)
          }
          break
        }
        await res?.arrayBuffer()
        result.resends++
        await sleep(250)
      }
    }
  }
  await Promise.all(Array.from({ length: PHONES }, (_, n) => phone(n)))
  return result
}

/**
 * A staff phone watching the door, as the app does: it listens to the
 * server's hints (`/api/sync/events`, through the proxy, whichever process
 * holds the stream) and pulls when one comes, one pull at a time with the
 * hints that came meanwhile folded into the next. A stream that ends (its
 * process was killed) is opened again after a second, with a pull, as
 * EventSource reconnects. Notes when it first holds each admission.
 */
function watchDoor(proxy: string, cookie: string) {
  const seenAt = new Map<string, number>()
  let cursors: Record<string, number> = {}
  let epoch: string | undefined
  let isOn = true
  let failures = 0
  let reconnects = 0
  const pullAll = async () => {
    for (;;) {
      const res = await fetch(`${proxy}/api/sync/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: proxy, cookie },
        body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, cursors, limit: 5000, epoch }),
      }).catch(() => null)
      if (res?.status !== 200) {
        failures++
        await res?.arrayBuffer()
        return
      }
      const page = (await res.json()) as PullResponse
      const at = performance.now()
      for (const change of page.changes)
        if (
          change.entity === 'checkIn' &&
          change.op === 'put' &&
          (change.data as { eventId?: string }).eventId === EVENT
        )
          if (!seenAt.has(change.id) && (change.data as { verdict?: string }).verdict === 'admitted')
            seenAt.set(change.id, at)
      cursors = page.cursors
      epoch = page.epoch
      if (!page.hasMore) return
    }
  }
  let pulling: Promise<void> | null = null
  let isDue = false
  const requestPull = (): Promise<void> => {
    if (pulling) {
      isDue = true
      return pulling
    }
    pulling = (async () => {
      do {
        isDue = false
        await pullAll()
      } while (isDue)
      pulling = null
    })()
    return pulling
  }
  const streams = new AbortController()
  const listen = (async () => {
    while (isOn) {
      const res = await fetch(`${proxy}/api/sync/events`, {
        headers: { cookie, accept: 'text/event-stream' },
        signal: streams.signal,
      }).catch(() => null)
      if (res?.ok && res.body) {
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        for (;;) {
          const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }))
          if (chunk.done) break
          if (chunk.value.includes('event: changed')) void requestPull()
        }
      }
      if (!isOn) return
      reconnects++
      await sleep(1000)
      void requestPull()
    }
  })()
  return {
    seenAt,
    ready: requestPull(),
    failures: () => failures,
    reconnects: () => reconnects,
    /** Stops listening after one last pull, so what is left to see has been asked for. */
    stop: async () => {
      isOn = false
      streams.abort()
      await listen
      await requestPull()
      await pulling
    },
  }
}

/** GET /api/health through the proxy every 200 ms: how long the service takes to answer anything at all. */
function probeHealth(proxy: string) {
  const waits: number[] = []
  let isOn = true
  const loop = (async () => {
    while (isOn) {
      const started = performance.now()
      const ok = await fetch(`${proxy}/api/health`).then(
        async (r) => (await r.arrayBuffer(), r.ok),
        () => false,
      )
      if (ok) waits.push(performance.now() - started)
      await sleep(200)
    }
  })()
  return {
    stop: async () => {
      isOn = false
      await loop
      return waits
    },
  }
}

function lags(answeredAt: Map<string, number>, seenAt: Map<string, number>) {
  const values: number[] = []
  for (const [id, at] of answeredAt) {
    const seen = seenAt.get(id)
    if (seen !== undefined) values.push(Math.max(0, seen - at))
  }
  return values
}

/** Each member's arrivals: how many got exactly one, how many more than one, and schedule-to-arrival waits. */
function deliveries(arrivals: Map<string, number[]>, from: number, isMember: (key: string) => boolean) {
  let once = 0
  let doubled = 0
  const waits: number[] = []
  for (const [key, times] of arrivals) {
    if (!isMember(key)) continue
    if (times.length === 1) once++
    else doubled++
    waits.push(times[0]! - from)
  }
  return { once, doubled, waits, last: Math.max(...waits) }
}

export async function benchLoad(): Promise<void> {
  console.log(
    `\n== load: fagdag rush (${RUSH_SCANS} scans in ${RUSH_MS / 1000} s, ${PHONES} door phones) and a newsletter day (${MEMBERS.toLocaleString('en')} mails and pushes) at once; two processes behind nginx on PostgreSQL ==`,
  )
  if (!process.env.TEST_DATABASE_URL || !hasNginx) {
    console.log(`not run: it needs TEST_DATABASE_URL and nginx (${hasNginx ? 'found' : 'missing'})`)
    return
  }
  const scratch = await scratchDatabase('postgres')
  const { db, close } = openDatabase(scratch)
  const smtp = await startCountingSmtp()
  const pushEndpoint = await startCountingPushEndpoint()
  let pair: ProxiedPair | null = null
  try {
    await migrateToLatest(db, 'postgres')
    await seedIfEmpty(db, 'postgres', { members: 0 })
    await seedSubscribedMembers(db, {
      networkId: NETWORK,
      count: MEMBERS,
      prefix: 'p-load',
      endpointOf: (i) => `${pushEndpoint.url}/push/${i}`,
      topics: ['newsletters'],
    })
    const { attendees } = await seedFagdag(db, {
      eventId: EVENT,
      tickets: QUIET_SCANS + RUSH_SCANS,
      prefix: 'p-load-door',
    })
    pair = await startProxiedPair(scratch.databaseUrl!, {
      SMTP_URL: smtp.url,
      DEMO: 'false',
      PUSH_HOSTS: `${pushEndpoint.url.replace(/:\d+$/, ':*')}`,
    })
    const { proxy } = pair
    const cookie = await signInByCode(proxy, smtp)
    const watcher = watchDoor(proxy, cookie)
    await watcher.ready
    const ids = attendees.map((a) => a.id)

    // The baseline: the same door pace on a quiet service.
    let health = probeHealth(proxy)
    const quiet = await runDoor(proxy, cookie, ids.slice(0, QUIET_SCANS), 'quiet')
    const quietHealth = await health.stop()
    await sleep(2500)
    const quietLags = lags(quiet.answeredAt, watcher.seenAt)

    // The load: the newsletter is scheduled as the rush starts, and process b is killed midway.
    const newsletterId = randomUUID()
    const scheduled = performance.now()
    const saved = await fetch(`${proxy}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: proxy, cookie },
      body: JSON.stringify({
        clientId: `newsletter-${newsletterId}`,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: [
          {
            id: 1,
            name: 'newsletter.save',
            args: {
              newsletter: {
                id: newsletterId,
                networkId: NETWORK,
                title: 'Nytt frå instituttet',
                blocks: [{ type: 'paragraph', text: 'Fagdagen er i gang, og vi har mykje å fortelje.' }],
                includeEvents: true,
                audience: { kind: 'network' },
              },
            },
          },
          { id: 2, name: 'newsletter.schedule', args: { newsletterId, at: null } },
        ],
      }),
    })
    if (!saved.ok) throw new Error(`newsletter refused: ${saved.status} ${await saved.text()}`)
    health = probeHealth(proxy)
    const killer = (async () => {
      await sleep(KILL_AT_MS)
      pair!.kill('b')
      await sleep(RESTART_AFTER_MS)
      await pair!.restart('b')
    })()
    const rush = await runDoor(proxy, cookie, ids.slice(QUIET_SCANS), 'rush')
    const rushMs = performance.now() - scheduled
    const rushHealth = await health.stop()
    await killer

    // The newsletter day goes on after the rush: wait until nothing is due (rows a killed process leased wait for their lease).
    const newsletter = await db
      .selectFrom('newsletter')
      .select('recipients')
      .where('id', '=', newsletterId)
      .executeTakeFirstOrThrow()
    const due = async (table: 'newsletterDelivery' | 'pushMessage') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('sentAt', 'is', null)
            .where('sendAfter', '<=', new Date().toISOString())
            .executeTakeFirstOrThrow()
        ).n,
      )
    for (let settled = 0; settled < 3 && performance.now() - scheduled < 15 * 60_000;) {
      settled = (await due('newsletterDelivery')) + (await due('pushMessage')) === 0 ? settled + 1 : 0
      await sleep(1000)
    }
    await watcher.stop()
    const unsent = async (table: 'newsletterDelivery' | 'pushMessage') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('sentAt', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const admissions = await db
      .selectFrom('checkIn')
      .select(['id', 'registrationId', 'verdict'])
      .where('eventId', '=', EVENT)
      .execute()
    const rushLags = lags(rush.answeredAt, watcher.seenAt)
    // The door's people get mails of their own (thanks for coming); only the newsletter's are counted here.
    const mails = deliveries(smtp.arrivals, scheduled, (address) => /^p-load-\d+@/.test(address))
    const pushes = deliveries(pushEndpoint.arrivals, scheduled, () => true)
    const sent = QUIET_SCANS + RUSH_SCANS

    console.log(`door, scan to the server's answer: quiet ${spread(quiet.waits)}`)
    console.log(
      `                              under load ${spread(rush.waits)}; ${rush.resends} pushes sent again${
        rush.slowAt.length
          ? `; ${rush.slowAt.length} waited over 1 s, scanned ${Math.min(...rush.slowAt).toFixed(1)}–${Math.max(...rush.slowAt).toFixed(1)} s in`
          : ''
      }`,
    )
    console.log(
      `door count on a watching staff phone (pulls on the server's hint), answer to seen: quiet ${spread(quietLags)}`,
    )
    console.log(
      `                              under load ${spread(rushLags)}; ${watcher.failures()} pulls failed, hint stream opened again ${watcher.reconnects()} times`,
    )
    console.log(`health through the proxy: quiet ${spread(quietHealth)}; under load ${spread(rushHealth)}`)
    console.log(
      `rush: ${rush.waits.length} scans in ${(rushMs / 1000).toFixed(1)} s; process b killed at ${KILL_AT_MS / 1000} s, started again ${RESTART_AFTER_MS / 1000} s later`,
    )
    console.log(
      `  admissions held by the server ${admissions.length} of ${sent} scans (${new Set(admissions.map((a) => a.registrationId)).size} tickets, ${admissions.filter((a) => a.verdict !== 'admitted').length} not admitted, ${quiet.refused + rush.refused} refused); seen by the staff phone ${watcher.seenAt.size}`,
    )
    console.log(
      `newsletter: ${newsletter.recipients} recipients; mails ${mails.once + mails.doubled} arrived (${mails.doubled} more than once), last after ${(mails.last / 1000).toFixed(1)} s (${((mails.once / mails.last) * 1000).toFixed(0)}/s), schedule to arrival ${spread(mails.waits)}`,
    )
    console.log(
      `  pushes ${pushes.once + pushes.doubled} arrived (${pushes.doubled} more than once), last after ${(pushes.last / 1000).toFixed(1)} s (${((pushes.once / pushes.last) * 1000).toFixed(0)}/s), schedule to arrival ${spread(pushes.waits)}`,
    )
    console.log(
      `  left unsent: ${await unsent('newsletterDelivery')} mails and ${await unsent('pushMessage')} pushes (leased by the killed process: sent when the lease ends, so at most these may arrive twice)`,
    )
  } finally {
    await pair?.stop()
    await smtp.close()
    await pushEndpoint.close()
    await close()
    await scratch.drop()
  }
}
