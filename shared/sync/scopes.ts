/**
 * A scope names a set of rows that is readable as a whole by the same people.
 * Pull answers only scopes the user may read now; losing one drops its rows.
 *
 * - `public`: faculties, networks, boards, published events; everyone.
 * - `user:<personId>`: the person's own profile and memberships.
 * - `network:<networkId>:members`: a network's member-only rows.
 * - `network:<networkId>:staff`: what those who run it see (join requests,
 *   drafts, attendee lists and check-ins: the scanner kit).
 */
export type Scope = `public` | `user:${string}` | `network:${string}:members` | `network:${string}:staff`

export const PUBLIC_SCOPE = 'public' as const

/** @example userScope('p_123') // 'user:p_123' */
export function userScope(personId: string): Scope {
  return `user:${personId}`
}

/** @example networkMembersScope('net_ximk') // 'network:net_ximk:members' */
export function networkMembersScope(networkId: string): Scope {
  return `network:${networkId}:members`
}

/** @example networkStaffScope('net_ximk') // 'network:net_ximk:staff' */
export function networkStaffScope(networkId: string): Scope {
  return `network:${networkId}:staff`
}
