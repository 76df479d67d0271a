import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { isSubscribedWithKey } from './pushSubscription.ts'
import { toBase64Url } from '../../../shared/signedToken.ts'

// The key check alone: headless Chromium has no push service, so a real subscription cannot be made here.
describe("a push subscription and the server's VAPID key", () => {
  const key = Uint8Array.from({ length: 65 }, (_, i) => (i * 7 + 4) & 0xff)
  it('match when the subscription was made with that key', () => {
    expect(isSubscribedWithKey(key.slice().buffer, toBase64Url(key))).toBe(true)
  })
  it('differ after the key is rotated, by one byte or in length, and when the browser keeps no key', () => {
    const rotated = key.slice()
    rotated[64] = rotated[64]! ^ 1
    expect(isSubscribedWithKey(key.slice().buffer, toBase64Url(rotated))).toBe(false)
    expect(isSubscribedWithKey(key.slice(0, 64).buffer, toBase64Url(key))).toBe(false)
    expect(isSubscribedWithKey(null, toBase64Url(key))).toBe(false)
  })
})
