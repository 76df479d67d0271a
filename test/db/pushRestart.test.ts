import { createServer } from 'node:http'
import { createECDH, randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES, scratchDatabase, type ScratchDatabase } from '../helpers/databases.ts'
import { spawnServer, type ServerProcess } from '../helpers/serverProcess.ts'
import { openDatabase, type OpenDatabase } from '../../server/db/index.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const SUBSCRIPTIONS = 1000

/**
 * The server killed (SIGKILL) in the middle of sending one notice to 1,000
 * devices: after a restart every device gets it. A message whose request was
 * in flight at the kill (the push service may have taken it, the server never
 * heard) is sent again when its lease ends: at least once for every device,
 * and more than once only for those few; the notice's tag makes a phone show
 * it once even then.
 */
describe.each(TEST_DATABASES)('push sending survives a killed server on %s', (kind) => {
  let scratch: ScratchDatabase
  let env: Record<string, string>
  let server: ServerProcess | null = null
  let observer: OpenDatabase
  const received = new Map<string, number>()
  const endpoint = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      // A push service that takes a moment, so the kill lands mid-send.
      setTimeout(() => {
        received.set(req.url!, (received.get(req.url!) ?? 0) + 1)
        res.writeHead(201).end()
      }, 40)
    })
  })

  beforeAll(async () => {
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', () => resolve()))
    scratch = await scratchDatabase(kind)
    env = {
      ...(scratch.databaseUrl ? { DATABASE_URL: scratch.databaseUrl } : { SQLITE_FILE: scratch.sqliteFile }),
      DEMO_MEMBERS: '0',
      PUSH_LEASE_MS: '2000',
    }
    server = await spawnServer(env)
    observer = openDatabase({ databaseUrl: scratch.databaseUrl, sqliteFile: scratch.sqliteFile })
    const { port } = endpoint.address() as { port: number }
    const now = new Date().toISOString()
    for (let i = 0; i < SUBSCRIPTIONS; i += 250) {
      const ids = Array.from({ length: 250 }, (_, j) => `p-kill-${i + j}`)
      await observer.db
        .insertInto('person')
        .values(
          ids.map((id) => ({
            id,
            email: `${id}@example.org`,
            name: id,
            graduationYear: null,
            programme: null,
            employer: null,
            title: null,
            city: null,
            linkedinUrl: null,
            bio: null,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .execute()
      await observer.db
        .insertInto('membership')
        .values(
          ids.map((id) => ({
            id: `m-${id}`,
            networkId: labelledId('net-nhh'),
            personId: id,
            status: 'active',
            role: 'member',
            since: now,
            source: 'seed',
          })),
        )
        .execute()
      await observer.db
        .insertInto('pushSubscription')
        .values(
          ids.map((id) => {
            const ecdh = createECDH('prime256v1')
            ecdh.generateKeys()
            return {
              id: randomUUID(),
              personId: id,
              endpoint: `http://127.0.0.1:${port}/push/${id}`,
              p256dh: ecdh.getPublicKey().toString('base64url'),
              auth: randomBytes(16).toString('base64url'),
              label: 'test',
              createdAt: now,
              lastSuccessAt: null,
            }
          }),
        )
        .execute()
    }
    await observer.db.updateTable('membership').set({ role: 'admin' }).where('personId', '=', 'p-kill-0').execute()
  })
  afterAll(async () => {
    server?.child.kill('SIGKILL')
    endpoint.close()
    await observer?.close()
    await scratch?.drop()
  })

  it('delivers the notice to every device after a restart, again only to those in flight at the kill', async () => {
    const signIn = await fetch(`${server!.url}/api/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `p-kill-0@example.org` }),
    })
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
    const startsAt = new Date(Date.now() + 86_400_000 * 3).toISOString()
    const res = await fetch(`${server!.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server!.url },
      body: JSON.stringify({
        clientId: `kill-${kind}-${Date.now()}`,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: [
          {
            id: 1,
            name: 'event.save',
            args: {
              event: {
                id: labelledId('ev-kill'),
                networkId: labelledId('net-nhh'),
                type: 'social',
                title: 'Alumnipils',
                description: '',
                startsAt,
                endsAt: startsAt,
                place: 'Bryggen',
                city: 'Bergen',
                capacity: null,
                status: 'published',
                audience: 'members',
              },
            },
          },
        ],
      }),
    })
    expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied')

    // Kill it once a good part has gone out.
    for (let i = 0; i < 600 && received.size < 300; i++) await new Promise((r) => setTimeout(r, 10))
    server!.child.kill('SIGKILL')
    await server!.exited
    const atKill = received.size
    expect(atKill).toBeGreaterThan(0)
    expect(atKill).toBeLessThan(SUBSCRIPTIONS)

    server = await spawnServer(env)
    const unsentCount = async () =>
      Number(
        (
          await observer.db
            .selectFrom('pushMessage')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('sentAt', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      )
    // Done when the queue is empty: the batch in flight at the kill goes again once its lease ends.
    for (let i = 0; i < 300 && (received.size < SUBSCRIPTIONS || (await unsentCount()) > 0); i++)
      await new Promise((r) => setTimeout(r, 100))
    expect(received.size).toBe(SUBSCRIPTIONS)
    const twice = [...received.values()].filter((n) => n > 1).length
    // Only requests in flight at the kill can arrive twice: at most one batch.
    expect(twice).toBeLessThanOrEqual(50)
    expect([...received.values()].every((n) => n <= 2)).toBe(true)
    expect(await unsentCount()).toBe(0)
    console.log(`push restart on ${kind}: ${atKill} delivered before the kill, ${twice} delivered twice`)
  })
})
