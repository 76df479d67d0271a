import { computed } from 'vue'
import { db } from '../../db/database.ts'
import { useLiveQuery } from '../../ui/useLiveQuery.ts'
import { useSessionStore } from '../session/sessionStore.ts'
import type { Membership } from '../../../shared/schemas/person.ts'

/**
 * The signed-in person's own memberships, read live from the device (so a
 * join made offline shows at once), and the networks they run. `roleIn` and
 * `runs` say what to offer; the server decides what is allowed.
 */
export function useMyMemberships() {
  const session = useSessionStore()
  const memberships = useLiveQuery(
    async () => (session.personId ? db.memberships.where('personId').equals(session.personId).toArray() : []),
    [] as Membership[],
    [() => session.personId],
  )
  const byNetwork = computed(() => new Map(memberships.value.map((m) => [m.networkId, m])))
  function roleIn(networkId: string): Membership['role'] | null {
    const m = byNetwork.value.get(networkId)
    return m?.status === 'active' ? m.role : null
  }
  // Which faculty each network belongs to: a coordinator runs every network of theirs.
  const facultyOf = useLiveQuery(
    async () => new Map((await db.networks.toArray()).map((n) => [n.id, n.facultyId])),
    new Map<string, string>(),
  )
  /** Whether the person runs the network: its staff or board, a coordinator of its faculty, or a site admin. */
  function runs(networkId: string): boolean {
    const role = roleIn(networkId)
    if (role === 'admin' || role === 'board') return true
    if (session.me?.isSiteAdmin) return true
    const faculty = facultyOf.value.get(networkId)
    return faculty !== undefined && (session.me?.coordinates ?? []).includes(faculty)
  }
  /** Networks the person runs without a membership role of their own (as the faculty's coordinator). */
  const coordinated = computed(() =>
    [...facultyOf.value].filter(([id]) => !runsByRole(id) && runs(id)).map(([id]) => id),
  )
  function runsByRole(networkId: string): boolean {
    const role = roleIn(networkId)
    return role === 'admin' || role === 'board'
  }
  return { memberships, byNetwork, roleIn, runs, coordinated }
}
