import { createHmac, randomBytes } from 'node:crypto'
import type { Db } from '../../db/schema.ts'

const KEY_NAME = 'national_id_hmac_key'

/**
 * The key national id numbers are hashed under: made on first use and kept
 * in the database, so every server process hashes alike. A plain hash of an
 * eleven-digit number with a birth date in it is undone by trying them all;
 * under a secret key it is not.
 */
async function hashKey(db: Db): Promise<Buffer> {
  const existing = await db.selectFrom('meta').select('value').where('key', '=', KEY_NAME).executeTakeFirst()
  if (existing) return Buffer.from(existing.value, 'base64')
  await db
    .insertInto('meta')
    .values({ key: KEY_NAME, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const made = await db.selectFrom('meta').select('value').where('key', '=', KEY_NAME).executeTakeFirstOrThrow()
  return Buffer.from(made.value, 'base64')
}

/** How the server recognises a national id number without keeping it: HMAC-SHA256 under its own key. */
export async function nationalIdHasher(db: Db): Promise<(nationalId: string) => string> {
  const key = await hashKey(db)
  return (nationalId) => createHmac('sha256', key).update(nationalId).digest('base64url')
}
