import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import type { Db } from '../db/schema.ts'
import { toBase64Url } from '../../shared/signedToken.ts'
import type { PublicKeys } from '../../shared/schemas/card.ts'

const FIRST_KEY_ID = 'k1'

/**
 * The newest Ed25519 signing key, made on first use and kept in the database
 * so every server process signs with it and devices can verify offline with
 * its public half. The first key has a fixed id, so requests or processes
 * racing to make it end with one key: the loser's insert does nothing.
 */
function newKeyPair(kid: string, createdAt: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return {
    kid,
    publicKey: publicKey.export({ format: 'jwk' }).x!,
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    createdAt,
  }
}

async function currentKey(db: Db): Promise<{ kid: string; privateKey: string }> {
  const existing = await db
    .selectFrom('signingKey')
    .select(['kid', 'privateKey'])
    .orderBy('createdAt', 'desc')
    .orderBy('kid')
    .limit(1)
    .executeTakeFirst()
  if (existing) return existing
  const made = newKeyPair(FIRST_KEY_ID, new Date().toISOString())
  await db
    .insertInto('signingKey')
    .values(made)
    .onConflict((oc) => oc.column('kid').doNothing())
    .execute()
  return db
    .selectFrom('signingKey')
    .select(['kid', 'privateKey'])
    .where('kid', '=', FIRST_KEY_ID)
    .executeTakeFirstOrThrow()
}

/**
 * Signs a payload as `base64url(JSON).base64url(signature)`, adding the key id as `kid`.
 *
 * @example const token = await signPayload(db, { typ: 'card', ... })
 */
export async function signPayload(db: Db, payload: Record<string, unknown>): Promise<string> {
  const key = await currentKey(db)
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify({ ...payload, kid: key.kid })))
  const signature = sign(null, Buffer.from(body), createPrivateKey(key.privateKey))
  return `${body}.${toBase64Url(signature)}`
}

/** Every public key a token may have been signed with. */
export async function publicKeys(db: Db): Promise<PublicKeys> {
  await currentKey(db)
  const rows = await db
    .selectFrom('signingKey')
    .select(['kid', 'publicKey', 'createdAt'])
    .orderBy('createdAt')
    .execute()
  return { keys: rows }
}

/**
 * Starts signing tickets, member cards and venue codes with a new key (after
 * a suspected leak, or on a schedule). The older keys stay published, so what
 * they signed still verifies, on phones offline too, until they are retired.
 */
export async function rotateSigningKey(db: Db, now = new Date()): Promise<string> {
  const kid = `k-${now.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`
  await db.insertInto('signingKey').values(newKeyPair(kid, now.toISOString())).execute()
  return kid
}

/**
 * Stops trusting an old key: what it signed no longer verifies. Refused for
 * the key now signing. Retire a key once the tickets it signed are for events
 * that have passed (a ticket is signed again only when its registration
 * changes); cards and venue codes are signed afresh at every sync.
 */
export async function retireSigningKey(db: Db, kid: string): Promise<void> {
  if ((await currentKey(db)).kid === kid) throw new Error(`${kid} is the key now signing: rotate first`)
  const { numDeletedRows } = await db.deleteFrom('signingKey').where('kid', '=', kid).executeTakeFirst()
  if (numDeletedRows === 0n) throw new Error(`No signing key ${kid}`)
}
