import { readToken, verifyToken } from '../../../shared/signedToken.ts'
import type { Attendee } from '../../../shared/schemas/checkIn.ts'
import { readShortCode } from '../../../shared/ticketCode.ts'

/** Why a code is not let in. Each has a message the person at the door understands. */
export type Refusal =
  | 'notTicket'
  | 'noKeys'
  | 'forged'
  | 'otherEvent'
  | 'tooEarly'
  | 'expired'
  | 'eventCancelled'
  | 'unknown'
  | 'revoked'
  | 'waitlisted'

export type TicketVerdict =
  | { kind: 'admit'; attendee: Attendee }
  | { kind: 'duplicate'; attendee: Attendee; firstAt: string }
  | { kind: 'refuse'; reason: Refusal; attendee?: Attendee }

/** What a phone at the door knows without a network: the event, the keys, and the attendee list with serials (the scanner kit). */
export interface DoorKit {
  eventId: string
  isEventCancelled: boolean
  keys: Record<string, CryptoKey | Uint8Array<ArrayBuffer>>
  attendeeByTicket: (ticketId: string) => Promise<Attendee | undefined>
  /** The attendee whose ticket has this short code (`shared/ticketCode.ts`). */
  attendeeByShortCode: (code: string) => Promise<Attendee | undefined>
  /** When the registration was first let in, as far as this phone knows (its own scans and those synced from others). */
  admittedAt: (registrationId: string) => Promise<string | null>
}

/**
 * Judges a scanned code offline: the server's signature, this event, the
 * validity window, and the kit's current serial for the ticket (an older one
 * was cancelled or replaced). A ticket this phone already let in is a
 * duplicate; the server still decides between phones.
 */
export async function judgeTicket(code: string, kit: DoorKit, now: Date): Promise<TicketVerdict> {
  const token = code.trim()
  // A code read out or typed from the ticket: no signature to check, so the kit alone vouches for it.
  const shortCode = token.includes('.') ? null : readShortCode(token)
  if (shortCode) {
    if (kit.isEventCancelled) return { kind: 'refuse', reason: 'eventCancelled' }
    const attendee = await kit.attendeeByShortCode(shortCode)
    return attendee ? judgeAttendee(attendee, kit) : { kind: 'refuse', reason: 'unknown' }
  }
  const read = readToken(token)
  if (!read || read.payload.typ !== 'ticket') return { kind: 'refuse', reason: 'notTicket' }
  // A phone that never fetched the server's keys cannot tell a real ticket from a forged one: it says so.
  if (Object.keys(kit.keys).length === 0) return { kind: 'refuse', reason: 'noKeys' }
  const payload = await verifyToken(token, kit.keys)
  if (!payload) return { kind: 'refuse', reason: 'forged' }
  const { eid, tid, ser, nbf, exp } = payload as { eid: string; tid: string; ser: number; nbf: string; exp: string }
  if (eid !== kit.eventId) return { kind: 'refuse', reason: 'otherEvent' }
  if (kit.isEventCancelled) return { kind: 'refuse', reason: 'eventCancelled' }
  const at = now.toISOString()
  if (at < nbf) return { kind: 'refuse', reason: 'tooEarly' }
  if (at > exp) return { kind: 'refuse', reason: 'expired' }
  const attendee = await kit.attendeeByTicket(tid)
  if (!attendee) return { kind: 'refuse', reason: 'unknown' }
  if (attendee.ticketSerial !== ser) return { kind: 'refuse', reason: 'revoked', attendee }
  return judgeAttendee(attendee, kit)
}

/** The kit's word on a ticket holder: a place held now, and not yet let in by this phone. */
async function judgeAttendee(attendee: Attendee, kit: DoorKit): Promise<TicketVerdict> {
  if (attendee.status === 'cancelled') return { kind: 'refuse', reason: 'revoked', attendee }
  if (attendee.status === 'waitlisted') return { kind: 'refuse', reason: 'waitlisted', attendee }
  const firstAt = await kit.admittedAt(attendee.id)
  return firstAt ? { kind: 'duplicate', attendee, firstAt } : { kind: 'admit', attendee }
}
