import type { Db } from '../db/schema.ts'

type Listener = { scopes: Set<string>; notify: (seq: number) => void }

export interface ChangeHints {
  /** Hears about new changes in any of `scopes`; returns the unsubscribe function. */
  subscribe: (scopes: string[], notify: (seq: number) => void) => () => void
  /** Stops watching and tells every listener to go (so shutdown is not held open by streams). */
  close: () => void
  /** Listeners to end when closing (the SSE streams register here). */
  onClose: (fn: () => void) => () => void
  /** Looks at the change log now (a change was committed somewhere). */
  wake: () => void
}

/**
 * Tells connected devices that something they can read has changed, so they
 * pull at once instead of at their next timer. It watches the change log in
 * the database, never process memory, so it works the same with one server
 * process or several sharing one PostgreSQL: it looks every `intervalMs`
 * while someone listens, and at once when `wake` is called (on PostgreSQL,
 * by a LISTEN/NOTIFY from whichever process committed the change).
 * A hint carries no data: the pull still decides what the device may see.
 */
export function createChangeHints(db: Db, intervalMs = 1000): ChangeHints {
  const listeners = new Set<Listener>()
  const closers = new Set<() => void>()
  let lastSeen: number | null = null
  let timer: NodeJS.Timeout | null = null
  let isChecking = false

  let isAgainWanted = false
  async function check(): Promise<void> {
    if (isChecking) {
      isAgainWanted = true
      return
    }
    isChecking = true
    try {
      if (lastSeen === null) {
        const row = await db
          .selectFrom('changeLog')
          .select((eb) => eb.fn.max('seq').as('max'))
          .executeTakeFirst()
        lastSeen = Number(row?.max ?? 0)
        return
      }
      const fresh = await db
        .selectFrom('changeLog')
        .select(['scope'])
        .select((eb) => eb.fn.max('seq').as('max'))
        .where('seq', '>', lastSeen)
        .groupBy('scope')
        .execute()
      if (fresh.length === 0) return
      lastSeen = Math.max(lastSeen, ...fresh.map((r) => Number(r.max)))
      const changedScopes = new Set(fresh.map((r) => r.scope))
      for (const listener of listeners) {
        if ([...listener.scopes].some((s) => changedScopes.has(s))) listener.notify(lastSeen)
      }
    } catch {
      /* the database is busy or gone: the next tick tries again */
    } finally {
      isChecking = false
    }
    // A wake-up that came while looking may be about a change this look missed.
    if (isAgainWanted) {
      isAgainWanted = false
      void check()
    }
  }

  return {
    subscribe(scopes, notify) {
      const listener = { scopes: new Set(scopes), notify }
      listeners.add(listener)
      if (!timer) {
        void check()
        timer = setInterval(() => {
          void check()
        }, intervalMs)
        timer.unref()
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && timer) {
          clearInterval(timer)
          timer = null
          lastSeen = null
        }
      }
    },
    wake() {
      if (listeners.size > 0) void check()
    },
    onClose(fn) {
      closers.add(fn)
      return () => closers.delete(fn)
    },
    close() {
      if (timer) clearInterval(timer)
      timer = null
      for (const fn of closers) fn()
      closers.clear()
      listeners.clear()
    },
  }
}
