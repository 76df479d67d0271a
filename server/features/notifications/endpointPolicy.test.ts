import { describe, expect, it } from 'vitest'
import {
  KNOWN_PUSH_HOSTS,
  endpointRefusal,
  endpointRefusalAtSend,
  isPrivateAddress,
  pushHostsFrom,
} from './endpointPolicy.ts'

const KNOWN = [...KNOWN_PUSH_HOSTS]

describe('push endpoints the server may call', () => {
  it('takes the push services browsers really use', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAA',
      'https://web.push.apple.com/QH',
      'https://db5p.notify.windows.com/w/?token=x',
    ]) {
      expect(endpointRefusal(endpoint, KNOWN), endpoint).toBeNull()
    }
  })

  it('refuses anything else: other hosts, plain http, other ports, credentials, look-alike hosts, private addresses', () => {
    const refused = [
      'http://127.0.0.1:8787/api/auth/dev/sign-in',
      'https://169.254.169.254/latest/meta-data',
      'https://evil.example/x',
      'http://fcm.googleapis.com/fcm/send/x',
      'https://fcm.googleapis.com:8443/x',
      'https://user:pw@fcm.googleapis.com/x',
      'https://fcm.googleapis.com.evil.example/x',
      'https://notify.windows.com.evil.example/x',
      'https://[::1]/x',
      'not a url',
    ]
    for (const endpoint of refused) expect(endpointRefusal(endpoint, KNOWN), endpoint).not.toBeNull()
  })

  it('knows the private ranges, IPv4, IPv6 and IPv4-mapped', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true)
    }
    for (const a of ['142.250.74.110', '2a00:1450:400f:80d::200a', '8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false)
  })

  it('lets an operator name a local push service explicitly (tests, a staging stand-in)', async () => {
    const hosts = pushHostsFrom('fcm.googleapis.com, http://127.0.0.1:*')
    expect(endpointRefusal('http://127.0.0.1:4567/push/a', hosts)).toBeNull()
    expect(await endpointRefusalAtSend('http://127.0.0.1:4567/push/a', hosts)).toBeNull()
    expect(endpointRefusal('http://127.0.0.2:4567/push/a', hosts)).not.toBeNull()
    expect(pushHostsFrom(undefined)).toEqual(KNOWN)
  })

  it('refuses at send time a listed host that resolves to a private address', async () => {
    // localhost resolves to loopback on every machine: as if a listed name pointed into the server's network.
    expect(await endpointRefusalAtSend('https://localhost/push', ['localhost'])).toMatch(/private address/)
  })
})
