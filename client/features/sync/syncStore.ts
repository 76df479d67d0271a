import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { db } from '../../db/database.ts'
import { readMeta } from '../../db/meta.ts'
import { api } from '../../api/client.ts'
import { createSyncEngine, LAST_SYNCED_KEY, type SyncEngine, type SyncStatus } from '../../sync/engine.ts'

const PERIODIC_MS = 60_000

/**
 * The device's sync state, shown in the header and on the sync page, and the
 * triggers that start a sync: app start, coming online, the app becoming
 * visible, a local change, and a slow timer while the app is in view.
 */
export const useSyncStore = defineStore('sync', () => {
  const status = reactive<SyncStatus>({ phase: 'idle', received: 0, lastSyncedAt: null, problem: null, isReachable: true })
  const isOnline = ref(navigator.onLine)
  let engine: SyncEngine | null = null

  function start(personId: () => string | null): void {
    if (engine) return
    engine = createSyncEngine({ db, api, personId, onStatus: (s) => Object.assign(status, s) })
    void readMeta<string | null>(db, LAST_SYNCED_KEY, null).then((at) => { status.lastSyncedAt ??= at })
    window.addEventListener('online', () => { isOnline.value = true; void syncNow() })
    window.addEventListener('offline', () => { isOnline.value = false })
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') void syncNow() })
    setInterval(() => { if (document.visibilityState === 'visible' && navigator.onLine) void syncNow() }, PERIODIC_MS)
    listenForHints()
    void syncNow()
  }

  // The server's hint that something this person may read has changed. EventSource reconnects by
  // itself; it is reopened on sign-in/out because the server decides the scopes when it connects.
  let hints: EventSource | null = null
  function listenForHints(): void {
    hints?.close()
    hints = new EventSource('/api/sync/events')
    hints.addEventListener('changed', () => { void syncNow() })
  }

  async function syncNow(): Promise<void> {
    if (!engine || !navigator.onLine) return
    await engine.requestSync()
  }

  return { status, isOnline, start, syncNow, listenForHints }
})
