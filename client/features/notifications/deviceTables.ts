import type { DeviceTables } from '../../db/deviceTable.ts'

export const NOTIFICATION_TABLES = {
  notificationSettings: { table: 'notificationSettings', indexes: [] },
} as const satisfies DeviceTables
