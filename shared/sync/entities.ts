import { InstitutionSchema, FacultySchema } from '../schemas/faculty.ts'
import { NetworkSchema, BoardSeatSchema } from '../schemas/network.ts'
import { EventSchema } from '../schemas/event.ts'
import { MembershipSchema, ProfileSchema } from '../schemas/person.ts'

/**
 * Every entity that syncs to devices, with the client table that holds it and
 * the schema of a row as sent. Adding an entity means a line here, a Dexie
 * table of the same name and a scope rule on the server: no new sync path.
 */
export const SYNCED_ENTITIES = {
  institution: { table: 'institutions', schema: InstitutionSchema },
  faculty: { table: 'faculties', schema: FacultySchema },
  network: { table: 'networks', schema: NetworkSchema },
  boardSeat: { table: 'boardSeats', schema: BoardSeatSchema },
  event: { table: 'events', schema: EventSchema },
  profile: { table: 'profiles', schema: ProfileSchema },
  membership: { table: 'memberships', schema: MembershipSchema },
} as const

export type EntityName = keyof typeof SYNCED_ENTITIES
export type EntityTable = (typeof SYNCED_ENTITIES)[EntityName]['table']

export const ENTITY_NAMES = Object.keys(SYNCED_ENTITIES) as EntityName[]

/** Whether a string names a synced entity. */
export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(SYNCED_ENTITIES, name)
}
