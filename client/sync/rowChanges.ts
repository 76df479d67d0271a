import type { EntityTable } from '../db/stores.ts'

/**
 * What one applied sync page changed in one table, for in-memory views that
 * follow the device database entry by entry (the directory's search index)
 * instead of reading a whole table again. `rows` is there only in the tab
 * that applied the page; other tabs read the changed keys back.
 */
export interface RowChanges {
  table: EntityTable
  putKeys: string[]
  deletedKeys: string[]
  droppedScopes: string[]
  /** Every synced row was removed (a reset, or sign-out). */
  isCleared: boolean
  rows?: Record<string, unknown>[]
}

type Listener = (changes: RowChanges) => void
const listeners = new Set<Listener>()
// Only one tab syncs at a time (a Web Lock): the others hear of its pages here.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('alumni-row-changes')
channel?.addEventListener('message', (event: MessageEvent<RowChanges>) => {
  for (const l of listeners) l(event.data)
})

// In the sync worker, changes go to the tab that started it, which announces them (see pullInWorker.ts).
let forward: Listener | null = null
/** Sends every announcement to `to` instead of this context's listeners and the other tabs. */
export function forwardRowChanges(to: Listener): void {
  forward = to
}

/** Tells every listener, in this tab and the others, what a committed transaction changed. */
export function announceRowChanges(changes: RowChanges): void {
  if (forward) return forward(changes)
  for (const l of listeners) l(changes)
  const { rows: _rows, ...withoutRows } = changes
  channel?.postMessage(withoutRows)
}

/** Calls `listener` after each change; returns how to stop. */
export function onRowChanges(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
