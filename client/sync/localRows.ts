import { rowKey } from '../db/database.ts'
import type { AlumniDb, UndoStep } from '../db/database.ts'
import type { MutationArgs, MutationName } from '../../shared/sync/mutations.ts'
import type { EntityTable } from '../db/stores.ts'
import { withDerivedFields } from '../db/derivedFields.ts'
import { userScope } from '../../shared/sync/scopes.ts'
import type { NotificationSettings } from '../../shared/schemas/push.ts'

/** What a mutation does on the device at once; answers how to undo it if the server refuses. */
export type Mutator<N extends MutationName> = (
  db: AlumniDb,
  args: MutationArgs<N>,
  now: string,
  personId: string | null,
) => Promise<UndoStep[]>

/** Applies `patch` to every local copy of row `id` in `table`, returning how to undo it. */
export async function patchRows(
  db: AlumniDb,
  table: EntityTable,
  id: string,
  patch: Record<string, unknown>,
): Promise<UndoStep[]> {
  const rows = (await db.table(table).where('id').equals(id).toArray()) as Record<string, unknown>[]
  const undo: UndoStep[] = []
  for (const row of rows) {
    undo.push({ table, key: row._key as string, before: row })
    await db.table(table).put(withDerivedFields(table, { ...row, ...patch }, row._scope as string))
  }
  return undo
}

/** Writes one row in a scope (new or replacing), returning how to undo it. */
export async function putRow(
  db: AlumniDb,
  table: EntityTable,
  scope: string,
  row: { id: string } & Record<string, unknown>,
): Promise<UndoStep[]> {
  const key = rowKey(scope, row.id)
  const before = ((await db.table(table).get(key)) as Record<string, unknown> | undefined) ?? null
  await db.table(table).put(withDerivedFields(table, { ...row, _key: key, _scope: scope }, scope))
  return [{ table, key, before }]
}

/** Deletes every local copy of row `id` in `table`, returning how to undo it. */
export async function deleteRows(db: AlumniDb, table: EntityTable, id: string): Promise<UndoStep[]> {
  const rows = (await db.table(table).where('id').equals(id).toArray()) as Record<string, unknown>[]
  await db.table(table).bulkDelete(rows.map((r) => r._key as string))
  return rows.map((row) => ({ table, key: row._key as string, before: row }))
}

/** A list with `id` in it or not. */
export const toggled = (ids: readonly string[], id: string, isIn: boolean) =>
  isIn ? [...new Set([...ids, id])] : ids.filter((x) => x !== id)

/** Changes the person's own notification settings row (made with the defaults when there is none yet). */
export async function patchOwnSettings(
  db: AlumniDb,
  personId: string | null,
  now: string,
  patch: (own: NotificationSettings) => Partial<NotificationSettings>,
): Promise<UndoStep[]> {
  if (!personId) return []
  const own: NotificationSettings = {
    id: personId,
    networks: {},
    quietHours: null,
    newsletterEmailOff: [],
    newsletterSubscriptions: [],
    followedGroups: [],
    updatedAt: now,
    ...(await db.notificationSettings.get(rowKey(userScope(personId), personId))),
  }
  return putRow(db, 'notificationSettings', userScope(personId), { ...own, ...patch(own), updatedAt: now })
}

/** A mutator for every mutation: each feature registers its part. */
export type MutatorTable = { [N in MutationName]: Mutator<N> }
