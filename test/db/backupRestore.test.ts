import 'fake-indexeddb/auto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scratchDatabase, TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { backupDatabase, restoreDatabase } from '../../server/db/backup.ts'
import { createDatabase } from '../../client/db/database.ts'
import { createApi } from '../../client/api/client.ts'
import { createSyncEngine } from '../../client/sync/engine.ts'
import { enqueueMutation } from '../../client/sync/outbox.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

const ADMIN = 'admin@demo.example'
const XIMK = labelledId('net-ximk')
const IAKH = labelledId('net-iakh')

/**
 * A backup taken while the app runs, restored onto a new server, and a phone
 * that had synced past the backup: it must end up with the restored server's
 * view (not keep what the backup lost), and its next changes must apply.
 */
describe.each(TEST_DATABASES)('backup and restore on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'alumni-backup-'))
  const apps: TestApp[] = []
  afterAll(async () => {
    for (const app of apps) await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('restores a backup that a phone then syncs against, losing nothing the server kept', async () => {
    const first = await createTestApp(kind, { members: 0 })
    apps.push(first)
    const adminId = labelledId('p-demo-admin')
    let server = first
    let cookie = await first.signIn(ADMIN)
    const db = createDatabase(`backup-${kind}`)
    const engine = createSyncEngine({
      db,
      api: createApi(
        async (input, init) => server.request(new URL(String(input)).pathname, { ...init, cookie }),
        'http://localhost/api',
      ),
      personId: () => adminId,
      onStatus: () => {},
    })
    const purposeOnPhone = async (id: string) => (await db.networks.where('id').equals(id).first())?.purpose
    const change = async (purpose: string) => {
      await enqueueMutation(db, adminId, 'network.update', { networkId: XIMK, patch: { purpose } })
      await engine.requestSync()
      expect(await db.outbox.count()).toBe(0)
    }

    await engine.requestSync()
    await change('Før kopien')
    const file = join(dir, `backup-${kind}.dump`)
    await backupDatabase(first.location, file)
    // After the backup: the server and the phone move on, and the backup will not have it.
    await change('Etter kopien')

    const restoredInto = await scratchDatabase(kind)
    await restoreDatabase(restoredInto, file)
    server = await createTestApp(kind, { database: restoredInto })
    apps.push(server)
    cookie = await server.signIn(ADMIN)
    const restored = await server.db.selectFrom('network').select('purpose').where('id', '=', XIMK).executeTakeFirst()
    expect(restored?.purpose).toBe('Før kopien')
    // Others use the restored server before the phone is back, so its change log passes the phone's cursors:
    // only the new epoch tells the phone that what it holds is from a history the server no longer has.
    const coordinator = await server.signIn('koordinator@demo.example')
    for (let i = 0; i < 5; i++) {
      const res = await server.request('/api/sync/push', {
        method: 'POST',
        cookie: coordinator,
        json: {
          clientId: `other-phone-${kind}`,
          protocolVersion: 1,
          mutations: [{ id: i + 1, name: 'network.update', args: { networkId: IAKH, patch: { purpose: `Ny ${i}` } } }],
        },
      })
      expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied')
    }

    await engine.requestSync()
    expect(await purposeOnPhone(XIMK)).toBe('Før kopien')
    expect(await purposeOnPhone(IAKH)).toBe('Ny 4')
    // The phone's next change applies on the restored server, whose memory of its numbering is older.
    await change('Etter gjenopprettingen')
    const after = await server.db.selectFrom('network').select('purpose').where('id', '=', XIMK).executeTakeFirst()
    expect(after?.purpose).toBe('Etter gjenopprettingen')
    db.close()
  })
})
