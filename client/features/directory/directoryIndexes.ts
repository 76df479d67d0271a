import type { AlumniDb } from '../../db/database.ts'
import { onRowChanges, type RowChanges } from '../../sync/rowChanges.ts'
import { createMemberIndex, type MemberIndex, type StoredMember } from './memberIndex.ts'

interface LoadedIndex {
  index: MemberIndex
  ready: Promise<void>
  /** Told after every change to the index, so views re-run their search. */
  listeners: Set<() => void>
}

/**
 * One search index per directory scope, loaded from the device database
 * the first time it is needed and then kept current entry by entry from
 * the sync pages (this tab's and other tabs'), never rebuilt.
 */
export function createDirectoryIndexes(db: AlumniDb) {
  const loaded = new Map<string, LoadedIndex>()

  function notify(entry: LoadedIndex): void {
    for (const listener of entry.listeners) listener()
  }

  async function follow(changes: RowChanges): Promise<void> {
    if (changes.table !== 'members') return
    for (const [scope, entry] of loaded) {
      await entry.ready
      if (changes.isCleared || changes.droppedScopes.includes(scope)) { entry.index.clear(); notify(entry) }
      const prefix = `${scope}|`
      const putKeys = changes.putKeys.filter((k) => k.startsWith(prefix))
      const deletedKeys = changes.deletedKeys.filter((k) => k.startsWith(prefix))
      if (putKeys.length === 0 && deletedKeys.length === 0) continue
      const rows = changes.rows
        ? changes.rows.filter((r) => (r._key as string).startsWith(prefix)) as StoredMember[]
        : (await db.members.bulkGet(putKeys)).filter((r) => r !== undefined) as StoredMember[]
      entry.index.remove(deletedKeys)
      entry.index.put(rows)
      notify(entry)
    }
  }
  onRowChanges((changes) => { void follow(changes) })

  return {
    /** The index of one scope, loaded on first use. `onChange` hears each later change; the returned function stops it. */
    open(scope: string, onChange: () => void): { entry: Promise<MemberIndex>, close: () => void } {
      let entry = loaded.get(scope)
      if (!entry) {
        const index = createMemberIndex()
        const ready = db.members.where('_scope').equals(scope).toArray().then((rows) => { index.put(rows as StoredMember[]) })
        entry = { index, ready, listeners: new Set() }
        loaded.set(scope, entry)
      }
      const opened = entry
      opened.listeners.add(onChange)
      return { entry: opened.ready.then(() => opened.index), close: () => opened.listeners.delete(onChange) }
    },
  }
}
