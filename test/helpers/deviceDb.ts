import type { Page } from 'playwright-core'

/**
 * Every row of one table of the app's IndexedDB database as the page holds
 * it, read with the bare IndexedDB API (not the app's code), so a test sees
 * exactly what is stored on the device.
 */
export function deviceRows(page: Page, table: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(async (table) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('alumni')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    try {
      return await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const all = db.transaction(table).objectStore(table).getAll()
        all.onsuccess = () => resolve(all.result as Record<string, unknown>[])
        all.onerror = () => reject(all.error)
      })
    } finally {
      db.close()
    }
  }, table)
}

/** How many rows of one table the device holds whose key begins with `keyPrefix` (a scope's rows: `scope|`). */
export function deviceRowCount(page: Page, table: string, keyPrefix: string): Promise<number> {
  return page.evaluate(
    async ([table, keyPrefix]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('alumni')
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      try {
        if (!db.objectStoreNames.contains(table)) return 0
        return await new Promise<number>((resolve, reject) => {
          const range = IDBKeyRange.bound(keyPrefix, `${keyPrefix}\uffff`)
          const count = db.transaction(table).objectStore(table).count(range)
          count.onsuccess = () => resolve(count.result)
          count.onerror = () => reject(count.error)
        })
      } finally {
        db.close()
      }
    },
    [table, keyPrefix] as const,
  )
}
