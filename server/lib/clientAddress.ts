import { BlockList, isIP } from 'node:net'
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

/**
 * Which peers are trusted proxies: `TRUST_PROXY` as comma-separated
 * addresses or CIDR ranges, or `loopback` for a proxy on the same machine.
 * Only their `X-Forwarded-For` is believed; anyone else could write one.
 */
export function trustedProxies(value: string | undefined): BlockList {
  const list = new BlockList()
  for (const entry of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4')
      list.addAddress('::1', 'ipv6')
      continue
    }
    const [address, prefix] = entry.split('/') as [string, string?]
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (isIP(address) === 0) throw new Error(`TRUST_PROXY: not an address: ${entry}`)
    if (prefix === undefined) list.addAddress(address, family)
    else list.addSubnet(address, Number(prefix), family)
  }
  return list
}

const isTrusted = (list: BlockList, address: string) => {
  const family = isIP(address)
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/**
 * The client's address from the peer's and the `X-Forwarded-For` chain: the
 * right-most address that is not a trusted proxy (each proxy appends the
 * address it saw, so what lies left of the last untrusted one is the
 * client's word only).
 */
export function clientAddressFrom(peer: string, forwardedFor: string | undefined, proxies: BlockList): string {
  if (!forwardedFor || !isTrusted(proxies, peer)) return peer
  const chain = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .filter((s) => isIP(s) !== 0)
  for (let i = chain.length - 1; i >= 0; i--) if (!isTrusted(proxies, chain[i]!)) return chain[i]!
  return chain[0] ?? peer
}

/** Expands an IPv6 address to its eight groups. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('::') as [string, string?]
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0')
  return [...left, ...fill, ...right].map((g) => g.padStart(4, '0'))
}

/**
 * The key a rate limit counts a client under: the IPv4 address, or the IPv6
 * /64 (one household or phone gets a whole /64 and can pick any address in it).
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return mapped[1]!
  if (isIP(address) !== 6) return address
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`
}

/** The requesting client's rate-limit bucket (`unknown` when the request came in without a socket, as in tests). */
export function clientBucket(c: Context, proxies: BlockList): string {
  let peer = 'unknown'
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    /* no socket: an in-process request */
  }
  return addressBucket(clientAddressFrom(peer, c.req.header('x-forwarded-for'), proxies))
}
