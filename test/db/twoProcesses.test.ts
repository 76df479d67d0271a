import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../helpers/databases.ts'
import { hasNginx, startProxiedPair, type ProxiedPair } from '../helpers/proxiedPair.ts'
import { openDatabase, type OpenDatabase } from '../../server/db/index.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { seedIfEmpty } from '../../server/db/seed/index.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'

// CI installs nginx (.ci/run); elsewhere the test says why it did not run rather than pass without running.
const canRun = !!process.env.TEST_DATABASE_URL && (hasNginx || !!process.env.CI)
if (!canRun)
  console.warn(
    `two processes behind nginx: not run, it needs TEST_DATABASE_URL and nginx (${hasNginx ? 'found' : 'missing'})`,
  )

/**
 * Two server processes behind nginx (Debian's, started here) on one
 * PostgreSQL, as production runs them: one limit on sign-ins across both, a
 * change through either reaches a phone's hint stream on the other, the
 * newsletter queue sends each mail once, and a fagdag rush of walk-ins from
 * five door phones survives one process being killed with nothing lost or
 * doubled.
 */
describe.runIf(canRun)('two processes behind nginx on PostgreSQL', () => {
  let scratch: ScratchDatabase
  let database: OpenDatabase
  let pair: ProxiedPair
  let proxy: string
  let staff: string

  beforeAll(async () => {
    scratch = await scratchDatabase('postgres')
    database = openDatabase(scratch)
    await migrateToLatest(database.db, 'postgres')
    await seedIfEmpty(database.db, 'postgres', { members: 30 })
    // The hint stream's own poll is set to a minute: only NOTIFY can wake it in time.
    pair = await startProxiedPair(scratch.databaseUrl!, { HINT_POLL_MS: '60000' })
    proxy = pair.proxy
    staff = await signIn('admin@demo.example')
  }, 60_000)

  afterAll(async () => {
    await pair?.stop()
    await database?.close()
    await scratch?.drop()
  })

  async function signIn(email: string): Promise<string> {
    const res = await fetch(`${proxy}/api/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: proxy },
      body: JSON.stringify({ email }),
    })
    expect(res.status).toBe(200)
    return res.headers.get('set-cookie')!.split(';')[0]!
  }

  /** One push as a phone sends it, to `base` (the proxy or one process). */
  function push(base: string, clientId: string, mutations: { id: number; name: string; args: unknown }[]) {
    return fetch(`${base}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, cookie: staff },
      body: JSON.stringify({ clientId, protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
    })
  }

  it('counts sign-in attempts from one address once, whichever process answers', async () => {
    const served = new Set<string>()
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) {
      const res = await fetch(`${proxy}/api/auth/email/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: proxy, 'x-forwarded-for': '203.0.113.7' },
        body: JSON.stringify({ email: `limit.${i}@example.org`, locale: 'nb' }),
      })
      served.add(res.headers.get('x-upstream') ?? '')
      statuses.push(res.status)
    }
    expect(served.size).toBe(2)
    // Twenty in fifteen minutes per address across the whole service; a per-process count would allow forty.
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true)
    expect(statuses[20]).toBe(429)
  })

  it("wakes a phone's hint stream on one process with a change committed by the other", async () => {
    const controller = new AbortController()
    const stream = await fetch(`${proxy}/api/sync/events`, {
      headers: { cookie: staff, origin: proxy },
      signal: controller.signal,
    })
    expect(stream.status).toBe(200)
    const upstream = stream.headers.get('x-upstream')!
    const other = upstream.endsWith(`:${pair.ports.a}`) ? pair.ports.b : pair.ports.a
    const reader = stream.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const read = async (until: string) => {
      while (!text.includes(until)) {
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended')
        text += decoder.decode(value)
      }
    }
    await read('event: ready')
    const res = await push(`http://127.0.0.1:${other}`, `hint-${Date.now()}`, [
      {
        id: 1,
        name: 'network.update',
        args: { networkId: labelledId('net-ximk'), patch: { purpose: 'Fra den andre' } },
      },
    ])
    expect(res.status).toBe(200)
    // The hint stream's poll is set to a minute here: only PostgreSQL's NOTIFY can bring this in time.
    await Promise.race([
      read('event: changed'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no hint within 10 s')), 10_000)),
    ])
    controller.abort()
  })

  it('sends each newsletter mail once while both processes work the queue', async () => {
    const id = crypto.randomUUID()
    const title = `To prosesser ${id.slice(0, 8)}`
    const res = await push(proxy, `newsletter-${id}`, [
      {
        id: 1,
        name: 'newsletter.save',
        args: {
          newsletter: {
            id,
            networkId: labelledId('net-ximk'),
            title,
            blocks: [{ type: 'paragraph', text: 'Hei.' }],
            includeEvents: false,
            audience: { kind: 'network' },
          },
        },
      },
      { id: 2, name: 'newsletter.schedule', args: { newsletterId: id, at: null } },
    ])
    expect(res.status).toBe(200)
    const deliveries = async () =>
      database.db.selectFrom('newsletterDelivery').select(['sentAt']).where('newsletterId', '=', id).execute()
    await expect
      .poll(
        async () => {
          const rows = await deliveries()
          return rows.length > 0 && rows.every((d) => d.sentAt !== null)
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true)
    const mails = await database.db.selectFrom('mailbox').select('toAddress').where('subject', '=', title).execute()
    expect(mails.length).toBe((await deliveries()).length)
    expect(new Set(mails.map((m) => m.toAddress)).size).toBe(mails.length)
  })

  it('loses and doubles nothing of a fagdag rush from five door phones when a process is killed', async () => {
    const eventId = crypto.randomUUID()
    const startsAt = new Date(Date.now() + 3_600_000).toISOString()
    const created = await push(proxy, `rush-setup-${eventId}`, [
      {
        id: 1,
        name: 'event.save',
        args: {
          event: {
            id: eventId,
            networkId: labelledId('net-ximk'),
            type: 'fagdag',
            title: 'Fagdag med kø',
            description: '',
            startsAt,
            endsAt: startsAt,
            place: 'Aulaen',
            city: 'Oslo',
            capacity: null,
            status: 'published',
            audience: 'open',
          },
        },
      },
    ])
    expect(created.status).toBe(200)
    const PHONES = 5
    const PER_PHONE = 40
    const BATCH = 4
    const sent = new Set<string>()
    let retries = 0
    let isKilled = false
    const phone = async (n: number) => {
      const clientId = `door-${n}-${eventId}`
      for (let first = 1; first <= PER_PHONE; first += BATCH) {
        const mutations = Array.from({ length: BATCH }, (_, i) => {
          const k = first + i
          const id = `00000000-0000-4000-8000-${String(n).padStart(4, '0')}${String(k).padStart(8, '0')}`
          sent.add(id)
          return {
            id: k,
            name: 'checkIn.walkIn',
            args: {
              walkIn: {
                id,
                eventId,
                deviceId: `door-${n}`,
                scannedAt: new Date().toISOString(),
                name: `Gjest ${n}-${k}`,
                email: `gjest.${n}.${k}.${eventId.slice(0, 8)}@example.org`,
              },
            },
          }
        })
        // As the outbox does: the same batch, the same ids, until the service answers.
        for (;;) {
          const res = await push(proxy, clientId, mutations).catch(() => null)
          if (res?.status === 200) {
            const body = (await res.json()) as { results: { status: string }[] }
            expect(body.results.every((r) => r.status === 'applied')).toBe(true)
            break
          }
          retries++
          await new Promise((r) => setTimeout(r, 50))
        }
        if (n === 0 && first > PER_PHONE / 3 && !isKilled) {
          isKilled = true
          pair.kill('b')
        }
      }
    }
    await Promise.all(Array.from({ length: PHONES }, (_, n) => phone(n)))
    expect(isKilled).toBe(true)
    const admissions = await database.db
      .selectFrom('checkIn')
      .select(['id', 'verdict'])
      .where('eventId', '=', eventId)
      .execute()
    expect(admissions.length).toBe(PHONES * PER_PHONE)
    expect(new Set(admissions.map((a) => a.id))).toEqual(sent)
    expect(admissions.every((a) => a.verdict === 'admitted')).toBe(true)
    const handled = await database.db
      .selectFrom('syncMutation')
      .select(['clientId', 'mutationId'])
      .where('clientId', 'like', `door-%-${eventId}`)
      .execute()
    expect(handled.length).toBe(PHONES * PER_PHONE)
    console.log(`rush: ${PHONES * PER_PHONE} walk-ins, ${retries} resends after the kill, none doubled`)
  }, 120_000)
})
