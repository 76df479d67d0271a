import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES, scratchDatabase, type ScratchDatabase } from '../helpers/databases.ts'
import { spawnServer, waitForFirstCommit, type ServerProcess } from '../helpers/serverProcess.ts'
import { openDatabase, type OpenDatabase } from '../../server/db/index.ts'
import { PushResponseSchema } from '../../shared/sync/protocol.ts'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/version.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const BATCH = 500

/**
 * A real server process killed with SIGKILL in the middle of a batch: after a
 * restart, the device resends the whole batch and every mutation ends applied
 * exactly once, nothing lost.
 */
describe.each(TEST_DATABASES)('server killed mid-batch on %s', (kind) => {
  let scratch: ScratchDatabase
  let env: Record<string, string>
  let server: ServerProcess | null = null
  let observer: OpenDatabase

  beforeAll(async () => {
    scratch = await scratchDatabase(kind)
    env = scratch.databaseUrl
      ? { DATABASE_URL: scratch.databaseUrl, DEMO_MEMBERS: '20' }
      : { SQLITE_FILE: scratch.sqliteFile, DEMO_MEMBERS: '20' }
    server = await spawnServer(env)
    observer = openDatabase({ databaseUrl: scratch.databaseUrl, sqliteFile: scratch.sqliteFile })
  })
  afterAll(async () => {
    server?.child.kill('SIGKILL')
    await observer?.close()
    await scratch?.drop()
  })

  it('applies every mutation of the batch exactly once after a restart', async () => {
    const signIn = await fetch(`${server!.url}/api/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alumn@demo.example' }),
    })
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!
    const clientId = `crash-${kind}-${Date.now()}`
    const body = JSON.stringify({
      clientId,
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: Array.from({ length: BATCH }, (_, i) => ({
        id: i + 1,
        name: 'profile.update',
        args: { patch: { bio: `#${i + 1}` } },
      })),
    })
    const push = () =>
      fetch(`${server!.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: server!.url },
        body,
      })

    const inFlight = push().then(
      (r) => r.status,
      () => 'connection lost',
    )
    // Kill as soon as the server has committed part of the batch.
    await waitForFirstCommit(observer.db, clientId)
    server!.child.kill('SIGKILL')
    await server!.exited
    expect(await inFlight).toBe('connection lost')
    const atKill = (
      await observer.db
        .selectFrom('syncClient')
        .select('lastMutationId')
        .where('clientId', '=', clientId)
        .executeTakeFirstOrThrow()
    ).lastMutationId
    expect(atKill).toBeGreaterThan(0)
    expect(atKill).toBeLessThan(BATCH)

    server = await spawnServer(env)
    const resent = await push()
    expect(resent.status).toBe(200)
    const response = PushResponseSchema.parse(await resent.json())
    expect(response.lastMutationId).toBe(BATCH)
    expect(response.results).toHaveLength(BATCH)
    expect(response.results.every((r) => r.status === 'applied')).toBe(true)

    const handled = await observer.db
      .selectFrom('syncMutation')
      .select(['mutationId'])
      .where('clientId', '=', clientId)
      .orderBy('mutationId')
      .execute()
    expect(handled.map((h) => h.mutationId)).toEqual(Array.from({ length: BATCH }, (_, i) => i + 1))
    const person = await observer.db
      .selectFrom('person')
      .select('bio')
      .where('id', '=', labelledId('p-demo-alumn'))
      .executeTakeFirstOrThrow()
    expect(person.bio).toBe(`#${BATCH}`)
  })
})
