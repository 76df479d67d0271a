import type { DeviceTables } from '../../db/deviceTable.ts'

// Those who run a network ([_scope+role]) are found without reading its whole directory.
export const DIRECTORY_TABLES = {
  member: { table: 'members', indexes: ['networkId', 'name', '[_scope+role]'] },
} as const satisfies DeviceTables
