import { patchOwnSettings, type MutatorTable } from '../../sync/localRows.ts'

/** This feature's mutations as the device applies them at once (see `client/sync/mutators.ts`). */
export const NOTIFICATION_MUTATORS = {
  'notifications.update': (db, { settings }, now, personId) => patchOwnSettings(db, personId, now, () => settings),
} satisfies Partial<MutatorTable>
