import { sha256 } from '../../lib/sha256.ts'

/**
 * An id shaped as the app makes them, the same for the same label on every
 * start: a UUID (version 4's layout, from a hash of the label), or `p-` and a
 * UUID for a person, as `createPerson` makes. The demo's rows and the tests'
 * own rows use these, so nothing passes only because a seed id was short.
 *
 * @example labelledId('net-ximk') // '5f0c…-…' ; labelledId('p-demo-alumn') // 'p-9b1e…'
 */
export function labelledId(label: string): string {
  const hex = sha256(`alumni-demo:${label}`)
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  return label.startsWith('p-') ? `p-${uuid}` : uuid
}
