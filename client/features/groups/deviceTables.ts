import type { DeviceTables } from '../../db/deviceTable.ts'

export const GROUP_TABLES = {
  group: { table: 'groups', indexes: ['networkId'] },
} as const satisfies DeviceTables
