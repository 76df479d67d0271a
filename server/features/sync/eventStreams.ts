import { AppError } from '../../lib/problem.ts'

/** Open event streams a session may hold (tabs and the installed app on one device; browsers keep six connections a host). */
export const STREAMS_PER_SESSION = 6
/** Open event streams of those signed out, per address (a campus behind one NAT shares one). */
export const STREAMS_PER_ADDRESS = 50

/**
 * The event streams open in this process, by who holds them (a session, or
 * an address for those signed out). One beyond the holder's limit is refused
 * with 429: a refused EventSource stays closed (the app then syncs on its
 * timers), where closing the oldest would make two tabs evict each other
 * for ever, each reconnecting as the other's stream closes.
 */
export function createStreamRegistry() {
  const byHolder = new Map<string, Set<symbol>>()
  return {
    /** Counts a new stream for `holder`, or refuses it; returns how to release it. */
    open(holder: string, limit: number): () => void {
      const open = byHolder.get(holder) ?? new Set<symbol>()
      if (open.size >= limit) throw new AppError('rate-limited', `At most ${limit} open event streams`)
      const token = Symbol(holder)
      open.add(token)
      byHolder.set(holder, open)
      return () => {
        open.delete(token)
        if (open.size === 0 && byHolder.get(holder) === open) byHolder.delete(holder)
      }
    },
  }
}
