import { InstitutionSchema, FacultySchema } from '../schemas/faculty.ts'
import { NetworkSchema, BoardSeatSchema, GroupSchema } from '../schemas/network.ts'
import { EventSchema, RegistrationSchema } from '../schemas/event.ts'
import { AttendeeSchema, CheckInSchema } from '../schemas/checkIn.ts'
import { JoinRequestSchema, MemberEntrySchema, MembershipSchema, ProfileSchema } from '../schemas/person.ts'
import { EducationSchema } from '../schemas/education.ts'
import { NotificationSettingsSchema } from '../schemas/push.ts'
import { NewsletterSchema } from '../schemas/newsletter.ts'
import type { EntityName } from './entityTables.ts'

/**
 * Every entity that syncs to devices, with the schema of a row as sent.
 * Adding an entity means a line here and in `entityTables.ts`, a Dexie table
 * of the same name and a scope rule on the server: no new sync path.
 */
export const ENTITY_SCHEMAS = {
  institution: InstitutionSchema,
  faculty: FacultySchema,
  network: NetworkSchema,
  boardSeat: BoardSeatSchema,
  group: GroupSchema,
  event: EventSchema,
  registration: RegistrationSchema,
  attendee: AttendeeSchema,
  checkIn: CheckInSchema,
  profile: ProfileSchema,
  membership: MembershipSchema,
  education: EducationSchema,
  notificationSettings: NotificationSettingsSchema,
  newsletter: NewsletterSchema,
  joinRequest: JoinRequestSchema,
  member: MemberEntrySchema,
} as const satisfies Record<EntityName, unknown>

export { ENTITY_TABLES, ENTITY_NAMES, isEntityName, type EntityName, type EntityTable } from './entityTables.ts'
