import type { MutationArgs, MutationName } from '../../shared/sync/mutations.ts'
import type { ChangeTx } from './changeLog.ts'

/**
 * What a mutation handler gets: the open transaction with its change
 * recorder, who asks, and when. Kept apart from `push.ts` so features can
 * name it without importing the engine that imports them.
 */
export interface MutationContext extends ChangeTx {
  personId: string
  now: string
  /** How far the device's clock is behind the server's, in ms (0 when unknown): add it to a device time to get server time. */
  clockOffsetMs?: number
}

export type MutationHandler<N extends MutationName> = (ctx: MutationContext, args: MutationArgs<N>) => Promise<void>

/** The server side of every mutation. TypeScript insists each name in `MUTATIONS` has one. */
export type HandlerTable = { [N in MutationName]: MutationHandler<N> }
