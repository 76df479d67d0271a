import type { MutatorTable } from '../../sync/localRows.ts'

/** This feature's mutations as the device applies them at once: a report changes nothing on the device. */
export const ACCESSIBILITY_MUTATORS = {
  'barrier.report': () => Promise.resolve([]),
} satisfies Partial<MutatorTable>
