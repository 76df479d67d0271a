import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { db } from '../../db/database.ts'
import { readMeta } from '../../db/meta.ts'
import { api } from '../../api/client.ts'
import { createSyncEngine, LAST_SYNCED_KEY, type SyncEngine, type SyncStatus } from '../../sync/engine.ts'
import { createWorkerPull } from '../../sync/pullInWorker.ts'

const PERIODIC_MS = 60_000
const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 60_000

/**
 * The device's sync state, shown in the header and on the sync page, and the
 * triggers that start a sync: app start, coming online, the app becoming
 * visible, a local change, and a slow timer while the app is in view.
 */
export const useSyncStore = defineStore('sync', () => {
  const status = reactive<SyncStatus>({
    phase: 'idle',
    received: 0,
    remaining: 0,
    lastSyncedAt: null,
    problem: null,
    isReachable: true,
  })
  const isOnline = ref(navigator.onLine)
  let engine: SyncEngine | null = null

  function start(personId: () => string | null): void {
    if (engine) return
    engine = createSyncEngine({
      db,
      api,
      personId,
      onStatus: (s) => Object.assign(status, s),
      pull: createWorkerPull(db, api),
    })
    void readMeta<string | null>(db, LAST_SYNCED_KEY, null).then((at) => {
      status.lastSyncedAt ??= at
    })
    window.addEventListener('online', () => {
      isOnline.value = true
      void syncNow()
    })
    window.addEventListener('offline', () => {
      isOnline.value = false
    })
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void syncNow()
    })
    setInterval(() => {
      if (document.visibilityState === 'visible' && navigator.onLine) void syncNow()
    }, PERIODIC_MS)
    listenForHints()
    void syncNow()
  }

  // The server's hint that something this person may read has changed. EventSource reconnects by
  // itself; it is reopened on sign-in/out because the server decides the scopes when it connects.
  let hints: EventSource | null = null
  function listenForHints(): void {
    hints?.close()
    hints = new EventSource('/api/sync/events')
    hints.addEventListener('changed', () => {
      void syncNow()
    })
  }

  // The device says it is online but the server did not answer (a flaky venue network, a restart):
  // try again soon, then less often, and start over after a success.
  let retryDelay = RETRY_FIRST_MS
  let retryTimer: ReturnType<typeof setTimeout> | null = null

  async function syncNow(): Promise<void> {
    if (!engine || !navigator.onLine) return
    if (retryTimer) {
      clearTimeout(retryTimer)
      retryTimer = null
    }
    await engine.requestSync()
    if (status.isReachable) {
      retryDelay = RETRY_FIRST_MS
    } else if (navigator.onLine) {
      retryTimer = setTimeout(() => {
        void syncNow()
      }, retryDelay)
      retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS)
    }
  }

  return { status, isOnline, start, syncNow, listenForHints }
})
