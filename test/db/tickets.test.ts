import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASES } from '../helpers/databases.ts'
import { createTestApp, protocolVersion, pullEverything, type TestApp } from '../helpers/testApp.ts'
import { PublicKeysSchema } from '../../shared/schemas/card.ts'
import { RegistrationSchema, TicketPayloadSchema } from '../../shared/schemas/event.ts'
import { fromBase64Url, verifyToken } from '../../shared/signedToken.ts'
import { labelledId } from '../../server/db/seed/labelledId.ts'

/** Tickets: signed by the server, no personal data, revoked when the registration is cancelled or made again. */
describe.each(TEST_DATABASES)('tickets on %s', (kind) => {
  let t: TestApp
  let cookie: string
  let n = 0
  beforeAll(async () => {
    t = await createTestApp(kind, { members: 0 })
    cookie = await t.signIn('alumn@demo.example')
  })
  afterAll(async () => {
    await t.close()
  })

  async function change(name: string, args: unknown) {
    const res = await t.request('/api/sync/push', {
      method: 'POST',
      cookie,
      json: { clientId: `tickets-${kind}-${++n}`, protocolVersion, mutations: [{ id: 1, name, args }] },
    })
    expect((await res.json()).results[0].status).toBe('applied')
  }
  async function myRegistration() {
    const { changes } = await pullEverything(t, cookie)
    return RegistrationSchema.parse(changes.findLast((c) => c.entity === 'registration' && c.op === 'put')!.data)
  }
  async function keys() {
    const { keys } = PublicKeysSchema.parse(await (await t.request('/api/keys')).json())
    return Object.fromEntries(keys.map((k) => [k.kid, fromBase64Url(k.publicKey)]))
  }

  it('gives a registered person a signed ticket that names no one, and revokes it by serial on cancel and re-registration', async () => {
    await change('registration.register', { eventId: labelledId('ev-ximk-quiz'), answers: {} })
    const first = await myRegistration()
    const payload = TicketPayloadSchema.parse(await verifyToken(first.ticket!, await keys()))
    expect(Object.keys(payload).sort()).toEqual(['eid', 'exp', 'kid', 'nbf', 'ser', 'tid', 'typ'])
    expect(JSON.stringify(payload)).not.toContain(labelledId('p-demo-alumn'))
    expect(JSON.stringify(payload)).not.toMatch(/Ola|Nordmann|alumn@/)
    const event = await t.db
      .selectFrom('event')
      .select(['startsAt', 'endsAt'])
      .where('id', '=', labelledId('ev-ximk-quiz'))
      .executeTakeFirstOrThrow()
    expect(payload).toMatchObject({
      eid: labelledId('ev-ximk-quiz'),
      ser: 0,
      nbf: new Date(Date.parse(event.startsAt) - 86_400_000).toISOString(),
    })

    await change('registration.cancel', { eventId: labelledId('ev-ximk-quiz') })
    expect((await myRegistration()).ticket).toBeNull()
    await change('registration.register', { eventId: labelledId('ev-ximk-quiz'), answers: {} })
    const again = TicketPayloadSchema.parse(await verifyToken((await myRegistration()).ticket!, await keys()))
    // Same ticket id, a newer serial: scanners holding the serials refuse the old code.
    expect(again).toMatchObject({ tid: payload.tid, ser: 2 })
    const stored = await t.db
      .selectFrom('registration')
      .select(['ticketSerial', 'ticketId'])
      .where('personId', '=', labelledId('p-demo-alumn'))
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ ticketSerial: 2, ticketId: payload.tid })
  })
})
