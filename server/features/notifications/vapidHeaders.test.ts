import { describe, expect, it } from 'vitest'
import webpush from 'web-push'
import { vapidAuthorization } from './vapidHeaders.ts'

const keys = () => ({ ...webpush.generateVAPIDKeys(), subject: 'mailto:alumni@uni.example' })

/** The claims of a `vapid t=…, k=…` header, and whether its ES256 signature verifies with the public key. */
async function readToken(header: string, publicKey: string) {
  const [, token, k] = header.match(/^vapid t=([^,]+), k=(.+)$/)!
  const [head, body, signature] = token!.split('.') as [string, string, string]
  const raw = Buffer.from(publicKey, 'base64url')
  const key = await crypto.subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'])
  const isValid = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    Buffer.from(signature, 'base64url'),
    new TextEncoder().encode(`${head}.${body}`),
  )
  return { k, isValid, claims: JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown> }
}

describe('VAPID authorization', () => {
  it("signs a token for the push service's origin that verifies with the public key", async () => {
    const vapid = keys()
    const now = Date.parse('2026-12-04T12:00:00Z')
    const header = vapidAuthorization('https://fcm.googleapis.com/fcm/send/abc', vapid, now)
    const { k, isValid, claims } = await readToken(header, vapid.publicKey)
    expect(k).toBe(vapid.publicKey)
    expect(isValid).toBe(true)
    expect(claims).toEqual({ aud: 'https://fcm.googleapis.com', exp: now / 1000 + 12 * 3600, sub: vapid.subject })
  })

  it('reuses a token for one push service until an hour before it expires, and signs anew for another or a new key', () => {
    const vapid = keys()
    const now = Date.parse('2026-12-04T12:00:00Z')
    const first = vapidAuthorization('https://updates.push.services.mozilla.com/wpush/v2/a', vapid, now)
    expect(vapidAuthorization('https://updates.push.services.mozilla.com/wpush/v2/b', vapid, now + 60_000)).toBe(first)
    expect(vapidAuthorization('https://updates.push.services.mozilla.com/x', vapid, now + 10.9 * 3600_000)).toBe(first)
    expect(vapidAuthorization('https://updates.push.services.mozilla.com/x', vapid, now + 11 * 3600_000)).not.toBe(
      first,
    )
    expect(vapidAuthorization('https://fcm.googleapis.com/fcm/send/a', vapid, now)).not.toBe(first)
    expect(vapidAuthorization('https://updates.push.services.mozilla.com/wpush/v2/a', keys(), now)).not.toBe(first)
  })
})
