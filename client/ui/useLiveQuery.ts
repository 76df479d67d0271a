import { liveQuery } from 'dexie'
import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'

/**
 * A ref that follows a Dexie query live: it updates whenever the tables the
 * query read change (a sync page, a local edit, another tab). Re-runs when
 * any of `deps` change.
 *
 * @example const networks = useLiveQuery(() => db.networks.toArray(), [])
 */
export function useLiveQuery<T, I>(query: () => Promise<T> | T, initial: I, deps: WatchSource[] = []): Ref<T | I> {
  const value = shallowRef<T | I>(initial)
  let subscription: { unsubscribe: () => void } | null = null
  const subscribe = () => {
    subscription?.unsubscribe()
    subscription = liveQuery(query).subscribe({
      next: (v) => {
        value.value = v
      },
      error: (e: unknown) => console.error(e),
    })
  }
  if (deps.length > 0) watch(deps, subscribe, { immediate: true })
  else subscribe()
  onScopeDispose(() => subscription?.unsubscribe())
  return value
}
