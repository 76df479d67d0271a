// Push fan-out: one notice to 13,000 subscriptions (NHH's size) through the
// real queue and sender to a local push endpoint, against calling web-push's
// encryption (and VAPID signing) alone for the same subscriptions, in one run.
import { createServer } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import webpush from 'web-push'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { seedIfEmpty } from '../server/db/seed/index.ts'
import { fromEvent } from '../server/features/events/rows.ts'
import { readConfig } from '../server/config.ts'
import { vapidKeys } from '../server/features/notifications/vapid.ts'
import { queueEventPushes } from '../server/features/notifications/eventPushes.ts'
import { sendDuePushes } from '../server/features/notifications/sendPushes.ts'
import { EventSchema } from '../shared/schemas/event.ts'
import { labelledId } from '../server/db/seed/labelledId.ts'
import { seedSubscribedMembers } from './seedPeople.ts'

const SUBSCRIPTIONS = 13_000
const NETWORK = labelledId('net-nhh')
const ms = (n: number) => `${n.toFixed(0)} ms`

export async function benchPush(): Promise<void> {
  console.log(`\n== push fan-out, ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions (SQLite, local push endpoint) ==`)
  const dir = mkdtempSync(join(tmpdir(), 'alumni-bench-push-'))
  const { db, close } = openDatabase({ databaseUrl: null, sqliteFile: join(dir, 'bench.sqlite') })
  let received = 0
  const endpoint = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      received++
      res.writeHead(201).end()
    })
  })
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', () => resolve()))
  const { port } = endpoint.address() as { port: number }
  try {
    await migrateToLatest(db, 'sqlite')
    await seedIfEmpty(db, 'sqlite', { members: 0 })
    const subscriptions = await seedSubscribedMembers(db, {
      networkId: NETWORK,
      count: SUBSCRIPTIONS,
      prefix: 'p-push',
      endpointOf: (i) => `http://127.0.0.1:${port}/push/${i}`,
    })
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString()
    await db
      .insertInto('event')
      .values(
        fromEvent(
          EventSchema.parse({
            id: labelledId('ev-bench-push'),
            networkId: NETWORK,
            type: 'social',
            title: 'Alumnipils i Oslo',
            description: '',
            startsAt,
            endsAt: startsAt,
            place: 'Aker Brygge',
            city: 'Oslo',
            capacity: null,
            status: 'published',
          }),
        ),
      )
      .execute()
    const vapid = await vapidKeys(db, readConfig({}))

    let started = performance.now()
    const queued = await db
      .transaction()
      .execute((trx) => queueEventPushes(trx, 'new', labelledId('ev-bench-push'), null, new Date().toISOString()))
    const queueMs = performance.now() - started
    started = performance.now()
    let sent = 0
    while (sent < queued) sent += await sendDuePushes(db, vapid, undefined, undefined, ['http://127.0.0.1:*'])
    const sendMs = performance.now() - started
    const payload = (await db.selectFrom('pushMessage').select('payload').limit(1).executeTakeFirstOrThrow()).payload

    // The baseline: web-push's encryption and VAPID signing alone, per message as web-push does it (the sender
    // signs one token per push service), for the same subscriptions and payload.
    started = performance.now()
    for (const s of subscriptions) {
      webpush.generateRequestDetails({ endpoint: s.endpoint, keys: s.keys }, payload, {
        TTL: 3600,
        urgency: 'normal',
        topic: 'bench',
        vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      })
    }
    const encryptMs = performance.now() - started
    const perMessage = (sendMs + queueMs) / SUBSCRIPTIONS
    const perEncrypt = encryptMs / SUBSCRIPTIONS
    console.log(`queue one notice to ${queued} devices (one transaction): ${ms(queueMs)}`)
    console.log(
      `send them all: ${ms(sendMs)} (${((SUBSCRIPTIONS / sendMs) * 1000).toFixed(0)}/s); the endpoint received ${received}`,
    )
    console.log(
      `per message ${(perMessage * 1000).toFixed(0)} µs all told; web-push encryption + VAPID per message alone ${(perEncrypt * 1000).toFixed(0)} µs (${ms(encryptMs)} for all); ratio ${(perMessage / perEncrypt).toFixed(2)}x`,
    )
  } finally {
    endpoint.close()
    await close()
    rmSync(dir, { recursive: true, force: true })
  }
}
