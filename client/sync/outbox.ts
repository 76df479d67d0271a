import type { AlumniDb, OutboxEntry } from '../db/database.ts'
import { SYNCED_TABLES, changedRowKey } from '../db/database.ts'
import type { MutationArgs, MutationName } from '../../shared/sync/mutations.ts'
import { MUTATORS } from './mutators.ts'
import { takeMutationId } from './identity.ts'

/**
 * Records a change made on this device: the optimistic local rows and the
 * outbox entry are written in one transaction, so neither exists without the
 * other, and the entry stays until the server has handled it.
 *
 * @example await enqueueMutation(db, me.id, 'network.update', { networkId, patch: { purpose } })
 */
export async function enqueueMutation<N extends MutationName>(
  db: AlumniDb,
  personId: string | null,
  name: N,
  args: MutationArgs<N>,
  about?: string,
): Promise<OutboxEntry> {
  return db.transaction('rw', [db.outbox, db.meta, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
    const now = new Date().toISOString()
    const { clientId, id } = await takeMutationId(db, personId)
    const undo = await (
      MUTATORS[name] as (
        db: AlumniDb,
        args: unknown,
        now: string,
        personId: string | null,
      ) => Promise<OutboxEntry['undo']>
    )(db, args, now, personId)
    const entry: OutboxEntry = {
      id,
      clientId,
      name,
      args,
      keys: undo.map((u) => changedRowKey(u.table, u.key)),
      undo,
      createdAt: now,
      ...(about ? { about } : {}),
    }
    await db.outbox.add(entry)
    return entry
  })
}
