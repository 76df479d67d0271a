import webpush from 'web-push'
import type { VapidKeys } from './vapid.ts'

/** How long a signed VAPID token is valid: RFC 8292 allows at most 24 hours; web-push's own default. */
const VALID_S = 12 * 3600
/** A token is signed again this long before it expires, so none arrives at a push service already stale. */
const RENEW_BEFORE_S = 3600

const signed = new Map<string, { authorization: string; renewAt: number }>()

/**
 * The `Authorization` header of a push to `endpoint`: a VAPID token for the
 * push service's origin, signed once and kept until an hour before it
 * expires. Signing per push (web-push's way) cost about a third of each
 * push's encryption here; a fan-out to 13,000 devices on one push service
 * needs one token.
 */
export function vapidAuthorization(endpoint: string, vapid: VapidKeys, nowMs = Date.now()): string {
  const { origin } = new URL(endpoint)
  const key = `${vapid.publicKey}\u0000${vapid.subject}\u0000${origin}`
  const now = Math.floor(nowMs / 1000)
  const kept = signed.get(key)
  if (kept && kept.renewAt > now) return kept.authorization
  const { Authorization } = webpush.getVapidHeaders(
    origin,
    vapid.subject,
    vapid.publicKey,
    vapid.privateKey,
    'aes128gcm',
    now + VALID_S,
  )
  signed.set(key, { authorization: Authorization, renewAt: now + VALID_S - RENEW_BEFORE_S })
  return Authorization
}
