import type { PullOutcome } from './pullChanges.ts'
import type { RowChanges } from './rowChanges.ts'

/** The tab asks the sync worker for one pull: every waiting page, fetched, parsed and written there. */
export interface PullAsked {
  id: number
}

/** What the sync worker tells the tab: rows changed, progress of a pull, and how it ended. */
export type PullToldBack =
  | { kind: 'rows'; changes: RowChanges }
  | { kind: 'progress'; id: number; received: number; remaining: number }
  | { kind: 'outcome'; id: number; outcome: PullOutcome }
  | { kind: 'failed'; id: number; message: string }
