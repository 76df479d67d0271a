import type { DeviceTables } from '../../db/deviceTable.ts'

// The scanner kit: a ticket is looked up by its id; arrivals are counted per event.
export const CHECK_IN_TABLES = {
  attendee: { table: 'attendees', indexes: ['eventId', 'ticketId'] },
  checkIn: { table: 'checkIns', indexes: ['eventId', 'registrationId'] },
} as const satisfies DeviceTables
