/**
 * Which device table holds each synced entity. Plain data (no schemas), so
 * the sync engine on the first screen does not load Zod; `entities.ts`
 * pairs each with its schema.
 */
export const ENTITY_TABLES = {
  institution: 'institutions',
  faculty: 'faculties',
  network: 'networks',
  boardSeat: 'boardSeats',
  group: 'groups',
  event: 'events',
  registration: 'registrations',
  attendee: 'attendees',
  checkIn: 'checkIns',
  profile: 'profiles',
  membership: 'memberships',
  education: 'educations',
  notificationSettings: 'notificationSettings',
  newsletter: 'newsletters',
  joinRequest: 'joinRequests',
  member: 'members',
} as const

export type EntityName = keyof typeof ENTITY_TABLES
export type EntityTable = (typeof ENTITY_TABLES)[EntityName]

export const ENTITY_NAMES = Object.keys(ENTITY_TABLES) as EntityName[]

/** Whether a string names a synced entity. */
export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITY_TABLES, name)
}
