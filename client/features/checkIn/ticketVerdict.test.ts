import { generateKeyPairSync, sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from '../../../shared/signedToken.ts'
import type { Attendee } from '../../../shared/schemas/checkIn.ts'
import { judgeTicket, type DoorKit } from './ticketVerdict.ts'
import { formatShortCode, ticketShortCode } from '../../../shared/ticketCode.ts'

const server = generateKeyPairSync('ed25519')
const impostor = generateKeyPairSync('ed25519')
const signWith = (privateKey: typeof server.privateKey, payload: object) => {
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify(payload)))
  return `${body}.${toBase64Url(sign(null, Buffer.from(body), privateKey))}`
}
const TID = '0b7a3f0e-2f43-4c1e-9a8e-5d2f6c7b8a90'
const now = new Date('2026-04-22T09:00:00.000Z')
const ticket = (over: object = {}) =>
  signWith(server.privateKey, {
    typ: 'ticket',
    kid: 'k1',
    tid: TID,
    eid: 'ev-fagdag',
    ser: 1,
    nbf: '2026-04-21T08:00:00.000Z',
    exp: '2026-04-22T20:00:00.000Z',
    ...over,
  })
const ola: Attendee = {
  id: 'r-ola',
  eventId: 'ev-fagdag',
  networkId: 'net',
  personId: 'p-ola',
  name: 'Ola',
  status: 'registered',
  ticketId: TID,
  ticketSerial: 1,
  answers: {},
  createdAt: '2026-04-01T00:00:00.000Z',
}

function kit(over: Partial<DoorKit> = {}, attendee: Attendee = ola, admittedAt: string | null = null): DoorKit {
  return {
    eventId: 'ev-fagdag',
    isEventCancelled: false,
    keys: { k1: fromBase64Url(server.publicKey.export({ format: 'jwk' }).x!) },
    attendeeByTicket: (tid) => Promise.resolve(tid === attendee.ticketId ? attendee : undefined),
    attendeeByShortCode: (code) => Promise.resolve(code === ticketShortCode(attendee.ticketId!) ? attendee : undefined),
    admittedAt: () => Promise.resolve(admittedAt),
    ...over,
  }
}

describe('judging a ticket at the door, offline', () => {
  it('lets in a valid ticket with the current serial', async () => {
    expect(await judgeTicket(ticket(), kit(), now)).toEqual({ kind: 'admit', attendee: ola })
  })

  it('says when this ticket was already let in', async () => {
    expect(await judgeTicket(ticket(), kit({}, ola, '2026-04-22T08:30:00.000Z'), now)).toMatchObject({
      kind: 'duplicate',
      firstAt: '2026-04-22T08:30:00.000Z',
    })
  })

  it.each([
    [
      'a forged signature',
      signWith(
        impostor.privateKey,
        JSON.parse(new TextDecoder().decode(fromBase64Url(ticket().split('.')[0]!))) as object,
      ),
      'forged',
    ],
    [
      'a payload changed after signing',
      `${toBase64Url(new TextEncoder().encode(JSON.stringify({ typ: 'ticket', kid: 'k1', tid: TID, eid: 'ev-fagdag', ser: 2, nbf: '2026-04-21T08:00:00.000Z', exp: '2026-04-22T20:00:00.000Z' })))}.${ticket().split('.')[1]}`,
      'forged',
    ],
    ['an unknown key id', ticket({ kid: 'k9' }), 'forged'],
    ['a ticket for another event', ticket({ eid: 'ev-other' }), 'otherEvent'],
    ['an older serial (cancelled or replaced)', ticket({ ser: 0 }), 'revoked'],
    ['a ticket not yet valid', ticket({ nbf: '2026-04-22T10:00:00.000Z' }), 'tooEarly'],
    ['an expired ticket', ticket({ exp: '2026-04-22T08:00:00.000Z' }), 'expired'],
    ['a ticket the kit does not know', ticket({ tid: '9b7a3f0e-2f43-4c1e-9a8e-5d2f6c7b8a90' }), 'unknown'],
    ['a member card', signWith(server.privateKey, { typ: 'card', kid: 'k1' }), 'notTicket'],
    ['text that is no code at all', 'https://example.org/', 'notTicket'],
  ])('refuses %s', async (_label, code, reason) => {
    expect(await judgeTicket(code, kit(), now)).toMatchObject({ kind: 'refuse', reason })
  })

  it('says the kit lacks the keys, rather than calling a ticket forged, on a phone that never fetched them', async () => {
    expect(await judgeTicket(ticket(), kit({ keys: {} }), now)).toMatchObject({ kind: 'refuse', reason: 'noKeys' })
  })

  it('refuses someone on the waitlist and every ticket of a cancelled event', async () => {
    expect(await judgeTicket(ticket(), kit({}, { ...ola, status: 'waitlisted' }), now)).toMatchObject({
      kind: 'refuse',
      reason: 'waitlisted',
    })
    expect(await judgeTicket(ticket(), kit({ isEventCancelled: true }), now)).toMatchObject({
      kind: 'refuse',
      reason: 'eventCancelled',
    })
  })

  it('judges a short code read out or typed at the door like a scan of the ticket', async () => {
    const code = formatShortCode(ticketShortCode(TID))
    expect(await judgeTicket(code.toLowerCase(), kit(), now)).toEqual({ kind: 'admit', attendee: ola })
    expect(await judgeTicket(code, kit({}, ola, '2026-04-22T08:30:00.000Z'), now)).toMatchObject({ kind: 'duplicate' })
    expect(await judgeTicket(code, kit({}, { ...ola, status: 'cancelled' }), now)).toMatchObject({
      kind: 'refuse',
      reason: 'revoked',
    })
    expect(await judgeTicket(code, kit({}, { ...ola, status: 'waitlisted' }), now)).toMatchObject({
      kind: 'refuse',
      reason: 'waitlisted',
    })
    expect(await judgeTicket(code, kit({ isEventCancelled: true }), now)).toMatchObject({
      kind: 'refuse',
      reason: 'eventCancelled',
    })
    expect(await judgeTicket('ZZZZ-ZZZZ', kit(), now)).toMatchObject({ kind: 'refuse', reason: 'unknown' })
  })
})
