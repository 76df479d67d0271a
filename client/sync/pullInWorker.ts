import type { AlumniDb } from '../db/database.ts'
import type { Api } from '../api/client.ts'
import type { PullOutcome } from './pullChanges.ts'
import { pullInThread, type Pull } from './engine.ts'
import { announceRowChanges } from './rowChanges.ts'
import type { PullAsked, PullToldBack } from './pullWorkerProtocol.ts'

interface Waiting {
  onProgress?: (received: number, remaining: number) => void
  resolve: (outcome: PullOutcome) => void
  reject: (error: Error) => void
  /** The same pull in this thread, for when the worker cannot run. */
  inThread: () => Promise<PullOutcome>
}

/**
 * A pull run by the sync worker (pullWorker.ts): the page's main thread only hears of the rows it changed,
 * for the in-memory indexes, and of progress. Where there are no workers, or the worker cannot start (a
 * browser that refuses module workers), pulls run in this thread as before; a page is applied in one
 * transaction either way, so a pull cut off by a failing worker is simply done again.
 */
export function createWorkerPull(db: AlumniDb, api: Api): Pull {
  const inThread = pullInThread(db, api)
  if (typeof Worker === 'undefined') return inThread
  let worker: Worker | null = null
  let isBroken = false
  let lastId = 0
  const waiting = new Map<number, Waiting>()

  function fallBack(): void {
    isBroken = true
    worker?.terminate()
    worker = null
    const cut = [...waiting.values()]
    waiting.clear()
    for (const w of cut) w.inThread().then(w.resolve, w.reject)
  }

  function startWorker(): Worker {
    const started = new Worker(new URL('./pullWorker.ts', import.meta.url), { type: 'module', name: 'sync' })
    started.onmessage = ({ data: told }: MessageEvent<PullToldBack>) => {
      if (told.kind === 'rows') return announceRowChanges(told.changes)
      const w = waiting.get(told.id)
      if (!w) return
      if (told.kind === 'progress') return w.onProgress?.(told.received, told.remaining)
      waiting.delete(told.id)
      if (told.kind === 'outcome') w.resolve(told.outcome)
      else w.reject(new Error(told.message))
    }
    started.onerror = (event) => {
      event.preventDefault()
      fallBack()
    }
    return started
  }

  return (onProgress) => {
    if (isBroken) return inThread(onProgress)
    worker ??= startWorker()
    const id = ++lastId
    return new Promise<PullOutcome>((resolve, reject) => {
      waiting.set(id, { onProgress, resolve, reject, inThread: () => inThread(onProgress) })
      worker!.postMessage({ id } satisfies PullAsked)
    })
  }
}
