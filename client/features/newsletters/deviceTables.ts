import type { DeviceTables } from '../../db/deviceTable.ts'

export const NEWSLETTER_TABLES = {
  newsletter: { table: 'newsletters', indexes: ['networkId'] },
} as const satisfies DeviceTables
