// A network of NTNU's size (40,000 members) for the benches: synthetic alumni
// put in through the change log as the seed does, with the demo alumna among
// them so a signed-in phone downloads the whole directory.
import type { openDatabase } from '../server/db/index.ts'
import { syntheticAlumni } from '../server/db/seed/syntheticAlumni.ts'
import { profileColumns } from '../server/features/profile/rows.ts'
import { directoryViews } from '../server/features/directory/entries.ts'
import { changeRecorder } from '../server/sync/changeLog.ts'
import { labelledId } from '../server/db/seed/labelledId.ts'

export const MEMBERS = 40_000
export const LARGE_NETWORK = labelledId('net-ntnu-it')
export const LARGE_NETWORK_SLUG = 'ntnu-it-alumni'
/** The demo alumna (alumn@demo.example), who may see the directory. */
export const VIEWER = labelledId('p-demo-alumn')
export const VIEWER_EMAIL = 'alumn@demo.example'

/** Puts 40,000 synthetic alumni into one network, through the change log as the seed does, and the viewer with them. */
export async function seedLargeNetwork(db: ReturnType<typeof openDatabase>['db']): Promise<void> {
  const now = new Date().toISOString()
  const { profiles } = syntheticAlumni(MEMBERS, now)
  const memberships = profiles.map((p) => ({
    id: `m-${p.id}-${LARGE_NETWORK}`,
    networkId: LARGE_NETWORK,
    personId: p.id,
    status: 'active' as const,
    role: 'member' as const,
    since: now,
    source: 'seed' as const,
    lawfulBasis: 'consent' as const,
    basisExpiresAt: null,
  }))
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < profiles.length; i += 500) {
      await trx
        .insertInto('person')
        .values(profiles.slice(i, i + 500).map((p) => ({ ...profileColumns(p), createdAt: now }) as never))
        .execute()
      await trx
        .insertInto('membership')
        .values(memberships.slice(i, i + 500))
        .execute()
    }
    await trx
      .insertInto('membership')
      .values({
        id: `m-${VIEWER}-${LARGE_NETWORK}`,
        networkId: LARGE_NETWORK,
        personId: VIEWER,
        status: 'active',
        role: 'member',
        since: now,
        source: 'seed',
      })
      .execute()
    await changeRecorder(trx, 'sqlite').putNew(
      profiles.map((p, i) => ({ entity: 'member' as const, rowId: p.id, views: directoryViews(p, [memberships[i]!]) })),
    )
  })
}
