import { computed } from 'vue'
import { db } from '../../db/database.ts'
import { useLiveQuery } from '../../ui/useLiveQuery.ts'
import { useSessionStore } from './sessionStore.ts'
import type { Membership } from '../../../shared/schemas/person.ts'

/**
 * The signed-in person's own memberships, read live from the device (so a
 * join made offline shows at once). `roleIn` says what to offer; the server
 * decides what is allowed.
 */
export function useMyMemberships() {
  const session = useSessionStore()
  const memberships = useLiveQuery(async () => (session.personId ? db.memberships.where('personId').equals(session.personId).toArray() : []), [] as Membership[], [() => session.personId])
  const byNetwork = computed(() => new Map(memberships.value.map((m) => [m.networkId, m])))
  function roleIn(networkId: string): Membership['role'] | null {
    const m = byNetwork.value.get(networkId)
    return m?.status === 'active' ? m.role : null
  }
  function runs(networkId: string): boolean {
    const role = roleIn(networkId)
    return role === 'admin' || role === 'board'
  }
  return { memberships, byNetwork, roleIn, runs }
}
