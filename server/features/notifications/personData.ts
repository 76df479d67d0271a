import type { PersonDataRules } from '../../db/personTables.ts'

export const NOTIFICATION_PERSON_DATA = {
  // The device's label and dates, not its push endpoint or keys.
  pushSubscription: { exportAs: 'pushDevices', columns: ['label', 'createdAt', 'lastSuccessAt'] },
  // One row, exported as an object (or null), not a list.
  notificationSettings: { exportAs: 'notificationSettings', builtBy: 'exportPersonData' },
} as const satisfies PersonDataRules
