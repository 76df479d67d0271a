import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../helpers/databases.ts'
import { spawnServer, type ServerProcess } from '../helpers/serverProcess.ts'
import { eventReader } from '../helpers/eventStream.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { PullResponseSchema } from '../../shared/sync/protocol.ts'
import { registrationId } from '../../shared/ids.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/**
 * The live arrival count with the app as two server processes on one
 * PostgreSQL: a check-in uploaded to one process reaches a door phone
 * listening on the other at once, through LISTEN/NOTIFY in the database.
 * The listening process polls only every ten minutes here, so nothing but the
 * notification can deliver the hint in time.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('live arrivals across server processes on postgres', () => {
  let scratch: ScratchDatabase
  let a: ServerProcess
  let b: ServerProcess
  let devices = 0

  beforeAll(async () => {
    scratch = await scratchDatabase('postgres')
    const env = { DATABASE_URL: scratch.databaseUrl!, DEMO_MEMBERS: '0', HINT_POLL_MS: '600000' }
    // One after the other: the first migrates and seeds, the second finds it done.
    a = await spawnServer(env)
    b = await spawnServer(env)
  })
  afterAll(async () => {
    a?.child.kill('SIGKILL')
    b?.child.kill('SIGKILL')
    await Promise.all([a?.exited, b?.exited])
    await scratch?.drop()
  })

  async function cookieOf(server: ServerProcess, email: string): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email }),
    })
    return res.headers.get('set-cookie')!.split(';')[0]!
  }
  async function change(server: ServerProcess, email: string, name: string, args: unknown): Promise<void> {
    const res = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, cookie: await cookieOf(server, email) },
      body: JSON.stringify({
        clientId: `procs-${++devices}-${Date.now()}`,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: [{ id: 1, name, args }],
      }),
    })
    expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied')
  }

  it('tells a door phone on one process of a check-in uploaded to the other, within a second', async () => {
    const startsAt = new Date(Date.now() + 30 * 60_000).toISOString()
    await change(b, 'admin@demo.example', 'event.save', {
      event: {
        id: labelledId('ev-procs'),
        networkId: labelledId('net-ximk'),
        type: 'fagdag',
        title: 'To prosesser',
        description: '',
        startsAt,
        endsAt: startsAt,
        place: 'Oslo',
        city: 'Oslo',
        capacity: null,
        status: 'published',
        audience: 'open',
      },
    })
    await change(b, 'alumn@demo.example', 'registration.register', { eventId: labelledId('ev-procs'), answers: {} })

    const doorCookie = await cookieOf(a, 'styre@demo.example')
    const hints = eventReader(await fetch(`${a.url}/api/sync/events`, { headers: { cookie: doorCookie } }))
    expect(await hints.next()).toBe('ready')
    await new Promise((r) => setTimeout(r, 300))

    const scanned = Date.now()
    await change(b, 'admin@demo.example', 'checkIn.record', {
      scan: {
        id: randomUUID(),
        eventId: labelledId('ev-procs'),
        registrationId: registrationId(labelledId('ev-procs'), labelledId('p-demo-alumn')),
        deviceId: 'door-b',
        scannedAt: new Date().toISOString(),
        method: 'scan',
      },
    })
    expect(await hints.next(1000)).toBe('changed')
    const latencyMs = Date.now() - scanned
    await hints.cancel()

    // The pull that follows the hint, from the other process, has the arrival.
    const changes = []
    let cursors = {}
    for (let hasMore = true; hasMore;) {
      const pull = await fetch(`${a.url}/api/sync/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: a.url, cookie: doorCookie },
        body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, cursors }),
      })
      const page = PullResponseSchema.parse(await pull.json())
      changes.push(...page.changes)
      ;({ cursors, hasMore } = page)
    }
    expect(changes.filter((c) => c.entity === 'checkIn').map((c) => c.data?.verdict)).toEqual(['admitted'])
    expect(latencyMs).toBeLessThan(1000)
  })
})
