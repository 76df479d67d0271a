import { scopeKeyPrefix, type AlumniDb } from '../../db/database.ts'
import { onRowChanges, type RowChanges } from '../../sync/rowChanges.ts'
import { createMemberIndex, type MemberIndex, type StoredMember } from './memberIndex.ts'

/** Entries read per step when a directory is opened: a small first step so the first names show at once, then larger ones. */
const FIRST_STEP = 2000
const STEP = 12_000

interface LoadedIndex {
  index: MemberIndex
  isLoaded: boolean
  /** Told after every change to the index, so views re-run their search. */
  listeners: Set<() => void>
  /** Loading steps and followed sync pages, one after another, so an older read never overwrites a newer page. */
  queue: Promise<void>
}

/**
 * One search index per directory scope, read from the device database in
 * steps the first time it is needed and then kept current entry by entry
 * from the sync pages (this tab's and other tabs'), never rebuilt.
 */
export function createDirectoryIndexes(db: AlumniDb) {
  const loaded = new Map<string, LoadedIndex>()

  function notify(entry: LoadedIndex): void {
    for (const listener of entry.listeners) listener()
  }

  function enqueue(entry: LoadedIndex, work: () => Promise<void>): void {
    entry.queue = entry.queue.then(work).catch((error: unknown) => console.error(error))
  }

  function loadInSteps(scope: string, entry: LoadedIndex): void {
    const prefix = scopeKeyPrefix(scope)
    let after = prefix
    let size = FIRST_STEP
    const step = async () => {
      const rows = (await db.members
        .where('_key')
        .between(after, `${prefix}\uffff`, false, false)
        .limit(size)
        .toArray()) as StoredMember[]
      entry.index.put(rows)
      if (rows.length < size) entry.isLoaded = true
      else {
        after = rows.at(-1)!._key
        size = STEP
        enqueue(entry, step)
      }
      notify(entry)
    }
    enqueue(entry, step)
  }

  async function apply(scope: string, entry: LoadedIndex, changes: RowChanges): Promise<void> {
    if (changes.isCleared || changes.droppedScopes.includes(scope)) {
      entry.index.clear()
      notify(entry)
    }
    const prefix = scopeKeyPrefix(scope)
    const putKeys = changes.putKeys.filter((k) => k.startsWith(prefix))
    const deletedKeys = changes.deletedKeys.filter((k) => k.startsWith(prefix))
    if (putKeys.length === 0 && deletedKeys.length === 0) return
    const rows = changes.rows
      ? (changes.rows.filter((r) => (r._key as string).startsWith(prefix)) as StoredMember[])
      : ((await db.members.bulkGet(putKeys)).filter((r) => r !== undefined) as StoredMember[])
    entry.index.remove(deletedKeys)
    entry.index.put(rows)
    notify(entry)
  }

  onRowChanges((changes) => {
    if (changes.table !== 'members') return
    for (const [scope, entry] of loaded) enqueue(entry, () => apply(scope, entry, changes))
  })

  return {
    /** The index of one scope, filling in steps on first use. `onChange` hears every change; `close` stops that. */
    open(scope: string, onChange: () => void): { index: MemberIndex; isLoaded: () => boolean; close: () => void } {
      let entry = loaded.get(scope)
      if (!entry) {
        entry = { index: createMemberIndex(), isLoaded: false, listeners: new Set(), queue: Promise.resolve() }
        loaded.set(scope, entry)
        loadInSteps(scope, entry)
      }
      const opened = entry
      opened.listeners.add(onChange)
      return { index: opened.index, isLoaded: () => opened.isLoaded, close: () => opened.listeners.delete(onChange) }
    },
  }
}
