import type { DeviceTables } from '../../db/deviceTable.ts'

export const MEMBERSHIP_TABLES = {
  membership: { table: 'memberships', indexes: ['networkId', 'personId'] },
  joinRequest: { table: 'joinRequests', indexes: ['networkId'] },
} as const satisfies DeviceTables
