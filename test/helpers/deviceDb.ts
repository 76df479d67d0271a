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
