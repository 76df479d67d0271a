import type { Trx } from './changeLog.ts'
import { AppError } from '../lib/problem.ts'

type TableWithId = 'network' | 'networkGroup' | 'event' | 'person' | 'newsletter'

/**
 * Refuses, naming the field, when any of `ids` is not a row of `table`: a
 * device that names a network it never saw (or one since deleted) hears
 * which, rather than meeting a foreign key deep in a write.
 */
export async function requireRows(
  trx: Pick<Trx, 'selectFrom'>,
  table: TableWithId,
  ids: readonly string[],
  path: (string | number)[],
): Promise<void> {
  const wanted = [...new Set(ids)]
  if (wanted.length === 0) return
  const found = await trx
    .selectFrom(table as 'network')
    .select('id')
    .where('id', 'in', wanted)
    .execute()
  const known = new Set(found.map((r) => r.id))
  const missing = wanted.filter((id) => !known.has(id))
  if (missing.length > 0)
    throw new AppError('not-found', `No such ${table}: ${missing.slice(0, 3).join(', ')}`, [
      { path, message: 'does not exist' },
    ])
}
