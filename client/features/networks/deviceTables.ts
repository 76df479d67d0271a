import type { DeviceTables } from '../../db/deviceTable.ts'

export const NETWORK_TABLES = {
  institution: { table: 'institutions', indexes: [] },
  faculty: { table: 'faculties', indexes: ['institutionId'] },
  network: { table: 'networks', indexes: ['facultyId', 'slug'] },
  boardSeat: { table: 'boardSeats', indexes: ['networkId'] },
} as const satisfies DeviceTables
