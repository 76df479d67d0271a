import webpush from 'web-push'
import type { Db } from '../../db/schema.ts'
import type { Config } from '../../config.ts'

export interface VapidKeys {
  publicKey: string
  privateKey: string
  subject: string
}

const KEY_ID = 'vapid'

/**
 * The server's VAPID keys: from the environment when given, else made on
 * first use and kept in the database, so every server process (and every
 * restart) signs with the same pair and devices' subscriptions stay valid.
 * Racing processes end with one pair: the loser's insert does nothing.
 */
export async function vapidKeys(
  db: Db,
  config: Pick<Config, 'vapidPublicKey' | 'vapidPrivateKey' | 'vapidSubject'>,
): Promise<VapidKeys> {
  if (config.vapidPublicKey && config.vapidPrivateKey)
    return { publicKey: config.vapidPublicKey, privateKey: config.vapidPrivateKey, subject: config.vapidSubject }
  const existing = await db
    .selectFrom('pushKey')
    .select(['publicKey', 'privateKey'])
    .where('id', '=', KEY_ID)
    .executeTakeFirst()
  if (existing) return { ...existing, subject: config.vapidSubject }
  const made = webpush.generateVAPIDKeys()
  await db
    .insertInto('pushKey')
    .values({ id: KEY_ID, ...made, createdAt: new Date().toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
  const kept = await db
    .selectFrom('pushKey')
    .select(['publicKey', 'privateKey'])
    .where('id', '=', KEY_ID)
    .executeTakeFirstOrThrow()
  return { ...kept, subject: config.vapidSubject }
}
