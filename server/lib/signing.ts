import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto'
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
async function currentKey(db: Db): Promise<{ kid: string; privateKey: string }> {
  const existing = await db
    .selectFrom('signingKey')
    .select(['kid', 'privateKey'])
    .orderBy('createdAt', 'desc')
    .orderBy('kid')
    .limit(1)
    .executeTakeFirst()
  if (existing) return existing
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const made = {
    kid: FIRST_KEY_ID,
    publicKey: publicKey.export({ format: 'jwk' }).x!,
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    createdAt: new Date().toISOString(),
  }
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
