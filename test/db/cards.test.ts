import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, type TestApp } from '../helpers/testApp.ts'
import { MemberCardPayloadSchema, MemberCardSchema, PublicKeysSchema } from '../../shared/schemas/card.ts'
import { fromBase64Url, toBase64Url, verifyToken } from '../../shared/signedToken.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'
import { membershipId } from '../../shared/ids.ts'

/** Digital member cards: signed by the server, verified offline with the public key alone. */
describe.each(TEST_DATABASES)('member cards on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
  })
  afterAll(async () => {
    await t.close()
  })

  async function cardsOf(email: string) {
    const res = await t.request('/api/me/cards', { cookie: await t.signIn(email) })
    expect(res.status).toBe(200)
    return ((await res.json()) as { cards: unknown[] }).cards.map((c) => MemberCardSchema.parse(c))
  }
  async function keys() {
    const { keys } = PublicKeysSchema.parse(await (await t.request('/api/keys')).json())
    return Object.fromEntries(keys.map((k) => [k.kid, fromBase64Url(k.publicKey)]))
  }

  it('issues a card per active membership that verifies with the public key and says who, where and since when', async () => {
    const cards = await cardsOf('admin@demo.example')
    expect(cards.map((c) => c.networkId).sort()).toEqual([labelledId('net-sv-econ'), labelledId('net-ximk')].sort())
    const payload = MemberCardPayloadSchema.parse(
      await verifyToken(cards.find((c) => c.networkId === labelledId('net-ximk'))!.token, await keys()),
    )
    expect(payload).toMatchObject({
      typ: 'card',
      pid: labelledId('p-demo-admin'),
      nid: labelledId('net-ximk'),
      name: 'Kari Nordmann',
      net: 'X-IMK',
    })
    expect(new Date(payload.exp).getTime() - new Date(payload.iat).getTime()).toBe(365 * 86_400_000)
    // One key, kept: the next call signs with the same one.
    expect(Object.keys(await keys())).toHaveLength(1)
    expect(
      MemberCardPayloadSchema.parse(await verifyToken((await cardsOf('alumn@demo.example'))[0]!.token, await keys()))
        .name,
    ).toBe('Ola Nordmann')
  })

  it('refuses a card whose text was changed, or that was signed with another key', async () => {
    const [card] = await cardsOf('alumn@demo.example')
    const [body, signature] = card!.token.split('.')
    const payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body!))) as Record<string, unknown>
    const forged = `${toBase64Url(new TextEncoder().encode(JSON.stringify({ ...payload, name: 'Someone Else' })))}.${signature}`
    expect(await verifyToken(forged, await keys())).toBeNull()
    expect(await verifyToken(card!.token, {})).toBeNull()
    expect(await verifyToken('not a token', await keys())).toBeNull()
  })

  it('ends a card when a membership on legitimate interest lapses, and gives none to someone who is no member', async () => {
    await t.db
      .updateTable('membership')
      .set({ lawfulBasis: 'legitimateInterest', basisExpiresAt: '2027-01-31T00:00:00.000Z' })
      .where('id', '=', membershipId(labelledId('net-ximk'), labelledId('p-demo-board')))
      .execute()
    const [card] = await cardsOf('styre@demo.example')
    expect(MemberCardPayloadSchema.parse(await verifyToken(card!.token, await keys())).exp).toBe(
      '2027-01-31T00:00:00.000Z',
    )
    expect(await cardsOf('soker@demo.example')).toEqual([])
    expect((await t.request('/api/me/cards')).status).toBe(401)
  })
})
