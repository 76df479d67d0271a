import type { PersonDataRules } from '../../db/personTables.ts'

export const SYNC_PERSON_DATA = {
  syncClient: { exportAs: 'syncingDevices', columns: ['updatedAt'] },
} as const satisfies PersonDataRules
