// npm run bench: sync engine figures, each against a baseline measured in the
// same process on the same database. SQLite always; PostgreSQL too when
// TEST_DATABASE_URL is set. Figures, not pass/fail: budgets live in the issues.
// `npm run bench -- phone directory` runs only the parts named.
import { gzipSync } from 'node:zlib'
import { openDatabase } from '../server/db/index.ts'
import { migrateToLatest } from '../server/db/migrate.ts'
import { seedIfEmpty } from '../server/db/seed/index.ts'
import { pushMutations } from '../server/sync/push.ts'
import { pullChanges } from '../server/sync/pull.ts'
import { changeRecorder } from '../server/sync/changeLog.ts'
import { networkMembersScope } from '../shared/sync/scopes.ts'
import { SYNC_PROTOCOL_VERSION } from '../shared/sync/version.ts'
import type { DatabaseKind } from '../server/db/schema.ts'
import { scratchDatabase } from '../test/helpers/databases.ts'
import { benchDirectory } from './directory.ts'
import { benchDoor } from './door.ts'
import { benchPush } from './push.ts'
import { benchGraduates } from './graduates.ts'
import { benchCheapPhone } from './cheapPhone.ts'
import { benchLoad } from './load.ts'
import { labelledId } from '../server/db/seed/labelledId.ts'

const PUSHES = 1000
const DIRECTORY_ROWS = 40_000

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

const ms = (n: number) => `${n.toFixed(0)} ms`
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`

async function benchOn(kind: DatabaseKind): Promise<void> {
  const scratch = await scratchDatabase(kind)
  const { db, close } = openDatabase({ databaseUrl: scratch.databaseUrl, sqliteFile: scratch.sqliteFile })
  try {
    await migrateToLatest(db, kind)
    await seedIfEmpty(db, kind, { members: 0 })
    console.log(`\n== ${kind} ==`)

    // Push: exactly-once bookkeeping + change log, against the bare update it wraps.
    const mutations = Array.from({ length: PUSHES }, (_, i) => ({
      id: i + 1,
      name: 'profile.update',
      args: { patch: { bio: `#${i}` } },
    }))
    const [, pushMs] = await time(() =>
      pushMutations(db, labelledId('p-demo-alumn'), {
        clientId: `bench-${Date.now()}`,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations,
      }),
    )
    const [, bareMs] = await time(async () => {
      for (let i = 0; i < PUSHES; i++) {
        await db.transaction().execute((trx) =>
          trx
            .updateTable('person')
            .set({ bio: `#${i}`, updatedAt: new Date().toISOString() })
            .where('id', '=', labelledId('p-demo-admin'))
            .execute(),
        )
      }
    })
    console.log(
      `push ${PUSHES} mutations:      ${ms(pushMs)} (${((PUSHES / pushMs) * 1000).toFixed(0)}/s); bare updates ${ms(bareMs)}; ratio ${ratio(pushMs, bareMs)}`,
    )

    // Pull: a 40,000-row member scope, paged as a device pulls it, against one bare select + JSON.
    const scope = networkMembersScope(labelledId('net-ximk'))
    await db.transaction().execute((trx) =>
      changeRecorder(trx, kind).putNew(
        Array.from({ length: DIRECTORY_ROWS }, (_, i) => ({
          entity: 'member' as const,
          rowId: `bench-${i}`,
          views: {
            [scope]: {
              id: `bench-${i}`,
              networkId: labelledId('net-ximk'),
              role: 'member' as const,
              memberSince: '2020-01-01T00:00:00.000Z',
              name: `Medlem ${i}`,
              graduationYear: 1990 + (i % 35),
              programme: 'Medievitenskap',
              employer: 'NRK',
              city: 'Oslo',
            },
          },
        })),
      ),
    )
    const [pages, pullMs] = await time(async () => {
      const bodies: string[] = []
      let cursors: Record<string, number> = {}
      for (;;) {
        const page = await pullChanges(db, labelledId('p-demo-alumn'), {
          protocolVersion: SYNC_PROTOCOL_VERSION,
          cursors,
          limit: 1000,
        })
        bodies.push(JSON.stringify(page))
        cursors = page.cursors
        if (!page.hasMore) return bodies
      }
    })
    const [bare, bareSelectMs] = await time(async () =>
      JSON.stringify(await db.selectFrom('changeLog').selectAll().where('scope', '=', scope).orderBy('seq').execute()),
    )
    const pulledBytes = pages.reduce((sum, b) => sum + b.length, 0)
    const gzipBytes = pages.reduce((sum, b) => sum + gzipSync(b).length, 0)
    console.log(
      `pull ${DIRECTORY_ROWS} rows (${pages.length} pages): ${ms(pullMs)}; bare select+JSON ${ms(bareSelectMs)}; ratio ${ratio(pullMs, bareSelectMs)}`,
    )
    console.log(
      `  bytes: ${(pulledBytes / 1024).toFixed(0)} KB raw, ${(gzipBytes / 1024).toFixed(0)} KB gzip (bare select ${(bare.length / 1024).toFixed(0)} KB raw)`,
    )

    // An incremental pull after one change: what a device pays to stay current.
    const cursorsBefore = JSON.parse(pages.at(-1)!).cursors as Record<string, number>
    await pushMutations(db, labelledId('p-demo-admin'), {
      clientId: `bench-one-${Date.now()}`,
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: [
        { id: 1, name: 'network.update', args: { networkId: labelledId('net-ximk'), patch: { purpose: 'Oppdatert' } } },
      ],
    })
    const [incremental, incMs] = await time(() =>
      pullChanges(db, labelledId('p-demo-alumn'), {
        protocolVersion: SYNC_PROTOCOL_VERSION,
        cursors: cursorsBefore,
        limit: 1000,
      }),
    )
    const incBody = JSON.stringify(incremental)
    console.log(
      `incremental pull after one change: ${incremental.changes.length} change, ${ms(incMs)}, ${incBody.length} B raw, ${gzipSync(incBody).length} B gzip`,
    )
  } finally {
    await close()
    await scratch.drop()
  }
}

const PARTS: Record<string, () => Promise<void>> = {
  sync: async () => {
    await benchOn('sqlite')
    if (process.env.TEST_DATABASE_URL) await benchOn('postgres')
    else console.log('\n(set TEST_DATABASE_URL=postgres://... to also measure PostgreSQL)')
  },
  directory: benchDirectory,
  door: benchDoor,
  push: benchPush,
  graduates: benchGraduates,
  phone: benchCheapPhone,
  load: benchLoad,
}
const named = process.argv.slice(2)
const unknown = named.filter((name) => !(name in PARTS))
if (unknown.length)
  throw new Error(`no such bench: ${unknown.join(', ')} (there are: ${Object.keys(PARTS).join(', ')})`)
for (const [name, run] of Object.entries(PARTS)) if (named.length === 0 || named.includes(name)) await run()
