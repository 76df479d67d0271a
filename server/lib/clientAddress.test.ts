import { describe, expect, it } from 'vitest'
import { addressBucket, clientAddressFrom, trustedProxies } from './clientAddress.ts'

describe('the client address behind a proxy', () => {
  const proxy = trustedProxies('loopback,10.0.0.0/8')

  it('believes X-Forwarded-For only from a trusted proxy, and takes the right-most untrusted address', () => {
    expect(clientAddressFrom('127.0.0.1', '203.0.113.7', proxy)).toBe('203.0.113.7')
    // The client wrote a fake first entry; the proxy appended what it really saw.
    expect(clientAddressFrom('127.0.0.1', '1.2.3.4, 203.0.113.7', proxy)).toBe('203.0.113.7')
    expect(clientAddressFrom('127.0.0.1', '203.0.113.7, 10.1.1.1', proxy)).toBe('203.0.113.7')
    // Not from a proxy: the header is the client's own word.
    expect(clientAddressFrom('198.51.100.9', '1.2.3.4', proxy)).toBe('198.51.100.9')
    expect(clientAddressFrom('127.0.0.1', '1.2.3.4', trustedProxies(undefined))).toBe('127.0.0.1')
  })

  it('counts IPv6 per /64, so one phone cannot pick a fresh address per request', () => {
    expect(addressBucket('2001:db8:abcd:12:1::9')).toBe('2001:0db8:abcd:0012::/64')
    expect(addressBucket('2001:db8:abcd:12:ffff:ffff:ffff:ffff')).toBe('2001:0db8:abcd:0012::/64')
    expect(addressBucket('2001:db8:abcd:13::1')).not.toBe(addressBucket('2001:db8:abcd:12::1'))
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7')
  })

  it('refuses a TRUST_PROXY entry that is no address', () => {
    expect(() => trustedProxies('proxy.example')).toThrow(/TRUST_PROXY/)
  })
})
