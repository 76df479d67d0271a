import { randomUUID } from 'node:crypto'
import type { Db } from '../db/schema.ts'

const KEY = 'sync_epoch'
const cached = new WeakMap<Db, string>()

/**
 * The name of this database's history of changes. Devices send it back with
 * their cursors; a different one means the data was restored from a backup
 * (the change log's numbers start again below what devices hold, and new
 * changes would reuse numbers a device has already passed), so the device
 * starts over instead of missing changes. Kept per process: a restore is
 * done with the servers stopped.
 */
export async function syncEpoch(db: Db): Promise<string> {
  const known = cached.get(db)
  if (known) return known
  await db
    .insertInto('meta')
    .values({ key: KEY, value: randomUUID() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const row = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirstOrThrow()
  cached.set(db, row.value)
  return row.value
}

/** Gives the database a new history name, after a restore: every device resets at its next pull. */
export async function renewSyncEpoch(db: Db): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', KEY).execute()
  cached.delete(db)
  await syncEpoch(db)
}
