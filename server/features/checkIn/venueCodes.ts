import type { Db } from '../../db/schema.ts'
import { publicKeys, signPayload } from '../../lib/signing.ts'
import { fromBase64Url, verifyToken } from '../../../shared/signedToken.ts'
import { VenuePayloadSchema, type VenueCodes, type VenuePayload } from '../../../shared/schemas/checkIn.ts'

const MINUTE = 60_000
/** A code stays good a minute past its own, so a scan as the screen changes still counts. */
const GRACE_MS = MINUTE

/** The address a venue code's QR carries: opens the app's self check-in from any camera app. */
export const venueCodeUrl = (appUrl: string, token: string) => `${appUrl}/checkin#${token}`

/**
 * Signs the venue codes of the coming minutes for an event, one per minute
 * from the current one, so the screen at the door keeps rotating through a
 * network outage (`minutes` long).
 */
export async function signVenueCodes(
  db: Db,
  eventId: string,
  appUrl: string,
  now: Date,
  minutes: number,
): Promise<VenueCodes> {
  const first = Math.floor(now.getTime() / MINUTE) * MINUTE
  const codes: VenueCodes['codes'] = []
  for (let i = 0; i < minutes; i++) {
    const nbf = new Date(first + i * MINUTE).toISOString()
    const exp = new Date(first + (i + 1) * MINUTE + GRACE_MS).toISOString()
    const token = await signPayload(db, { typ: 'venue', eid: eventId, nbf, exp } satisfies Omit<VenuePayload, 'kid'>)
    codes.push({ nbf, exp, url: venueCodeUrl(appUrl, token) })
  }
  return { codes }
}

/** The venue code's payload when it is the server's own signature, else null. Accepts the code or its address. */
export async function verifyVenueCode(db: Db, code: string): Promise<VenuePayload | null> {
  const token = code.includes('#') ? code.slice(code.lastIndexOf('#') + 1) : code
  const { keys } = await publicKeys(db)
  const payload = await verifyToken(token, Object.fromEntries(keys.map((k) => [k.kid, fromBase64Url(k.publicKey)])))
  const parsed = VenuePayloadSchema.safeParse(payload)
  return parsed.success ? parsed.data : null
}
