import type { AlumniDb } from '../db/database.ts'
import { writeMeta } from '../db/meta.ts'
import type { Api } from '../api/client.ts'
import type { Problem } from '../../shared/problem.ts'
import { pushOutbox } from './pushOutbox.ts'
import { pullChanges, type PullOutcome } from './pullChanges.ts'

export interface SyncStatus {
  phase: 'idle' | 'pushing' | 'pulling'
  /** Rows received so far in the running pull (for a progress display). */
  received: number
  /** Rows the server says still wait in the running pull. */
  remaining: number
  lastSyncedAt: string | null
  /** Why the last sync could not finish: the server refused it (e.g. app too old), or no connection. */
  problem: Problem | null
  isReachable: boolean
}

export interface SyncEngine {
  /** Asks for a sync soon; calls made while one runs fold into one more run. */
  requestSync: () => Promise<void>
}

export const LAST_SYNCED_KEY = 'lastSyncedAt'

/** Pulls every waiting page and applies it; `onProgress` hears rows received and how many still wait. */
export type Pull = (onProgress?: (received: number, remaining: number) => void) => Promise<PullOutcome>

/** A pull run in this thread. */
export const pullInThread =
  (db: AlumniDb, api: Api): Pull =>
  (onProgress) =>
    pullChanges(db, api, onProgress)

/**
 * One sync at a time across every tab of the app (a Web Lock), push before
 * pull so the server has this device's changes before it answers. A request
 * made while a sync runs is remembered and run after it, never dropped.
 */
export function createSyncEngine(options: {
  db: AlumniDb
  api: Api
  personId: () => string | null
  onStatus: (status: Partial<SyncStatus>) => void
  /** How pages are pulled and applied: in this thread unless given (the app's tab gives its sync worker). */
  pull?: Pull
}): SyncEngine {
  const { db, api, onStatus } = options
  const pull = options.pull ?? pullInThread(db, api)
  let running: Promise<void> | null = null
  let isRequestedAgain = false

  async function syncOnce(): Promise<void> {
    onStatus({ phase: 'pushing' })
    const pushed = await pushOutbox(db, api, options.personId())
    if (pushed.kind === 'offline') return onStatus({ phase: 'idle', isReachable: false })
    if (pushed.kind === 'refused') return onStatus({ phase: 'idle', problem: pushed.problem, isReachable: true })
    onStatus({ phase: 'pulling', received: 0, remaining: 0 })
    const pulled = await pull((received, remaining) => onStatus({ received, remaining }))
    if (pulled.kind === 'offline') return onStatus({ phase: 'idle', remaining: 0, isReachable: false })
    if (pulled.kind === 'refused')
      return onStatus({ phase: 'idle', remaining: 0, problem: pulled.problem, isReachable: true })
    const lastSyncedAt = new Date().toISOString()
    await writeMeta(db, LAST_SYNCED_KEY, lastSyncedAt)
    onStatus({ phase: 'idle', remaining: 0, lastSyncedAt, problem: null, isReachable: true })
  }

  function withLock(work: () => Promise<void>): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
    return locks ? locks.request('alumni-sync', work) : work()
  }

  async function requestSync(): Promise<void> {
    if (running) {
      isRequestedAgain = true
      return running
    }
    running = (async () => {
      try {
        do {
          isRequestedAgain = false
          await withLock(syncOnce)
        } while (isRequestedAgain)
      } finally {
        running = null
      }
    })()
    return running
  }

  return { requestSync }
}
