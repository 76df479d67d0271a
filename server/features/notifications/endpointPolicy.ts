import { BlockList, isIP } from 'node:net'
import { lookup } from 'node:dns/promises'

/**
 * The push services browsers use (Chrome and Edge through FCM, Firefox,
 * Safari, Windows): the only hosts the server POSTs to unless `PUSH_HOSTS`
 * says otherwise. A member can otherwise make the server send requests to any
 * address it can reach (server-side request forgery).
 */
export const KNOWN_PUSH_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.push.services.mozilla.com',
  'web.push.apple.com',
  '*.push.apple.com',
  '*.notify.windows.com',
] as const

// Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges, IPv4 and IPv6.
const PRIVATE = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6')
}

/** Whether an IP address is one the server must never be made to call. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4')
  const family = isIP(address)
  return family === 0 || PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** An entry of the list: an exact origin (`http://127.0.0.1:*`, the operator's explicit say-so) or a host pattern for https on 443. */
function matches(url: URL, entry: string): 'origin' | 'host' | null {
  if (entry.includes('://')) {
    const [scheme, rest] = entry.split('://') as [string, string]
    const [host, port = ''] = rest.split(/:(?=[^:]*$)/) as [string, string?]
    const urlPort = url.port || (url.protocol === 'https:' ? '443' : '80')
    return url.protocol === `${scheme}:` && url.hostname === host && (port === '*' || port === urlPort)
      ? 'origin'
      : null
  }
  const host = url.hostname.toLowerCase()
  if (entry.startsWith('*.')) return host.endsWith(entry.slice(1)) ? 'host' : null
  return host === entry ? 'host' : null
}

/**
 * Why the server will not send to an endpoint, or null when it may: an
 * endpoint must be https on port 443 at a listed push service and not an IP
 * address in a private range (checked when a device registers it).
 */
export function endpointRefusal(endpoint: string, allowed: readonly string[]): string | null {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return 'not a URL'
  }
  const kinds = allowed.map((entry) => matches(url, entry))
  if (kinds.includes('origin')) return null
  if (!kinds.includes('host')) return `not a known push service (${url.hostname})`
  if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443'))
    return 'a push endpoint must be https on port 443'
  if (url.username || url.password) return 'a push endpoint carries no credentials'
  const bare = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(bare) && isPrivateAddress(bare)) return 'a private address'
  return null
}

const resolved = new Map<string, { addresses: string[]; until: number }>()

/**
 * The check at send time: the list again (it may have changed since the
 * device registered), and every address the host resolves to must be
 * public, so a push host that points at the server's own network is
 * refused. Lookups are kept a minute, for a fan-out to thousands of devices.
 */
export async function endpointRefusalAtSend(
  endpoint: string,
  allowed: readonly string[],
  now = Date.now(),
): Promise<string | null> {
  const refusal = endpointRefusal(endpoint, allowed)
  if (refusal) return refusal
  const url = new URL(endpoint)
  if (allowed.some((entry) => matches(url, entry) === 'origin')) return null
  let entry = resolved.get(url.hostname)
  if (!entry || entry.until < now) {
    const addresses = await lookup(url.hostname, { all: true }).then(
      (list) => list.map((a) => a.address),
      () => [],
    )
    entry = { addresses, until: now + 60_000 }
    resolved.set(url.hostname, entry)
  }
  if (entry.addresses.length === 0) return "the push service's host does not resolve"
  return entry.addresses.some(isPrivateAddress) ? "the push service's host resolves to a private address" : null
}

/** Reads `PUSH_HOSTS` (comma-separated entries), else the known push services. */
export function pushHostsFrom(value: string | undefined): string[] {
  const list = value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return list && list.length > 0 ? list : [...KNOWN_PUSH_HOSTS]
}
