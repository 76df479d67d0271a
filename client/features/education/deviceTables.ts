import type { DeviceTables } from '../../db/deviceTable.ts'

export const EDUCATION_TABLES = {
  education: { table: 'educations', indexes: ['personId'] },
} as const satisfies DeviceTables
