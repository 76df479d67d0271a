import type { AlumniDb } from './database.ts'

/** Reads one value kept in the `meta` table, or `fallback`. */
export async function readMeta<T>(db: AlumniDb, key: string, fallback: T): Promise<T> {
  const row = await db.meta.get(key)
  return row ? (row.value as T) : fallback
}

/** Writes one value to the `meta` table. */
export async function writeMeta(db: AlumniDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value })
}
