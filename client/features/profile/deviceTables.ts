import type { DeviceTables } from '../../db/deviceTable.ts'

export const PROFILE_TABLES = {
  profile: { table: 'profiles', indexes: [] },
} as const satisfies DeviceTables
