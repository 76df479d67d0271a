import type { AlumniDb, UndoStep } from '../db/database.ts'
import type { MutationArgs, MutationName } from '../../shared/sync/mutations.ts'
import type { EntityTable } from '../../shared/sync/entityTables.ts'

type Mutator<N extends MutationName> = (db: AlumniDb, args: MutationArgs<N>, now: string) => Promise<UndoStep[]>

/** Applies `patch` to every local copy of row `id` in `table`, returning how to undo it. */
async function patchRows(db: AlumniDb, table: EntityTable, id: string, patch: Record<string, unknown>): Promise<UndoStep[]> {
  const rows = await db.table(table).where('id').equals(id).toArray() as Record<string, unknown>[]
  const undo: UndoStep[] = []
  for (const row of rows) {
    undo.push({ table, key: row._key as string, before: row })
    await db.table(table).put({ ...row, ...patch })
  }
  return undo
}

/**
 * The device's side of each mutation: what the change looks like locally at
 * once, before the server has seen it. The server's answer (through the next
 * pull) replaces it; a refusal puts the row back as it was.
 */
export const MUTATORS: { [N in MutationName]: Mutator<N> } = {
  'network.update': (db, { networkId, patch }, now) => patchRows(db, 'networks', networkId, { ...patch, updatedAt: now }),
  'profile.update': async (db, { patch }, now) => {
    const own = await db.profiles.toArray()
    return (await Promise.all(own.map((p) => patchRows(db, 'profiles', p.id, { ...patch, updatedAt: now })))).flat()
  },
}
