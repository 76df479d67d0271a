import type { DeviceTables } from '../../db/deviceTable.ts'

export const EVENT_TABLES = {
  event: { table: 'events', indexes: ['networkId', 'startsAt'] },
  registration: { table: 'registrations', indexes: ['eventId', 'personId'] },
} as const satisfies DeviceTables
