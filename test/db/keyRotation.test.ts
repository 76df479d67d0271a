import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { publicKeys, retireSigningKey, rotateSigningKey, signPayload } from '../../server/lib/signing.ts'
import { fromBase64Url, verifyToken } from '../../shared/signedToken.ts'
import { PublicKeysSchema } from '../../shared/schemas/card.ts'

/** Rotating the key that signs tickets and cards: new tokens use the new key, old ones verify until it is retired. */
describe.each(TEST_DATABASES)('signing key rotation on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  /** Verifies as a phone does, with the keys the app publishes. */
  async function verifiedByPhone(token: string) {
    const { keys } = PublicKeysSchema.parse(await (await t.request('/api/keys')).json())
    return verifyToken(token, Object.fromEntries(keys.map((k) => [k.kid, fromBase64Url(k.publicKey)])))
  }

  it('signs with the new key at once, keeps the old one trusted, and stops trusting it when retired', async () => {
    const before = await signPayload(t.db, { typ: 'test', n: 1 })
    const oldKid = (await publicKeys(t.db)).keys.at(-1)!.kid
    const newKid = await rotateSigningKey(t.db, new Date(Date.now() + 1000))
    const after = await signPayload(t.db, { typ: 'test', n: 2 })
    expect((await verifiedByPhone(after))?.kid).toBe(newKid)
    expect((await verifiedByPhone(before))?.kid).toBe(oldKid)

    await expect(retireSigningKey(t.db, newKid)).rejects.toThrow(/now signing/)
    await retireSigningKey(t.db, oldKid)
    expect(await verifiedByPhone(before)).toBeNull()
    expect(await verifiedByPhone(after)).not.toBeNull()
  })
})
