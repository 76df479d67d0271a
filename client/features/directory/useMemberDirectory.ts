import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import { db } from '../../db/database.ts'
import { readMeta } from '../../db/meta.ts'
import { useLiveQuery } from '../../ui/useLiveQuery.ts'
import { networkMembersScope, networkStaffScope } from '../../../shared/sync/scopes.ts'
import { createDirectoryIndexes } from './directoryIndexes.ts'
import type { DirectoryQuery, MemberCard } from './memberIndex.ts'

const indexes = createDirectoryIndexes(db)

/**
 * Which copy of a network's directory this device may show: the staff copy
 * (what members show to staff) for those who run the network, else the
 * members' copy, else none. Follows the scopes the server granted at the
 * last sync, so it is right offline and changes when a membership ends.
 */
export function useDirectoryScope(networkId: Ref<string | null>) {
  return useLiveQuery(
    async () => {
      if (!networkId.value) return null
      const cursors = await readMeta<Record<string, number>>(db, 'cursors', {})
      const staff = networkStaffScope(networkId.value)
      const members = networkMembersScope(networkId.value)
      return Object.hasOwn(cursors, staff) ? staff : Object.hasOwn(cursors, members) ? members : null
    },
    undefined,
    [networkId],
  )
}

/**
 * A directory search that re-runs as the query changes and as sync pages
 * arrive. `result` holds what the list shows of the first matches, and the count.
 */
export function useMemberDirectory(scope: Ref<string | null | undefined>, query: Ref<DirectoryQuery>) {
  const result = shallowRef<{
    cards: MemberCard[]
    total: number
    size: number
    cohorts: number[]
    isLoaded: boolean
  } | null>(null)
  let opened: ReturnType<typeof indexes.open> | null = null

  function run(): void {
    if (!opened) return
    const found = opened.index.search(query.value)
    result.value = { ...found, size: opened.index.size, cohorts: opened.index.cohorts(), isLoaded: opened.isLoaded() }
  }

  watch(
    scope,
    (s) => {
      opened?.close()
      opened = null
      result.value = null
      if (!s) return
      opened = indexes.open(s, run)
      // An index opened before holds its entries already; a new one fills in steps and calls `run` after each.
      if (opened.index.size > 0 || opened.isLoaded()) run()
    },
    { immediate: true },
  )
  watch(query, run, { deep: true })
  onScopeDispose(() => opened?.close())
  return result
}
