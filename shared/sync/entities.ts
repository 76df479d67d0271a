import type { z } from 'zod'
import { mergeDisjoint } from '../mergeDisjoint.ts'
import { FACULTY_ENTITIES } from '../schemas/faculty.ts'
import { NETWORK_ENTITIES } from '../schemas/network.ts'
import { EVENT_ENTITIES } from '../schemas/event.ts'
import { CHECK_IN_ENTITIES } from '../schemas/checkIn.ts'
import { PERSON_ENTITIES } from '../schemas/person.ts'
import { EDUCATION_ENTITIES } from '../schemas/education.ts'
import { NOTIFICATION_ENTITIES } from '../schemas/push.ts'
import { NEWSLETTER_ENTITIES } from '../schemas/newsletter.ts'

/**
 * Every entity that syncs to devices, with the schema of a row as sent: each
 * schema module registers its own. The compiler then asks for the entity's
 * device table (`client/db/stores.ts`); the server writes it through the typed
 * change recorder, so no new sync path is ever needed.
 */
export const ENTITY_SCHEMAS = mergeDisjoint(
  FACULTY_ENTITIES,
  NETWORK_ENTITIES,
  EVENT_ENTITIES,
  CHECK_IN_ENTITIES,
  PERSON_ENTITIES,
  EDUCATION_ENTITIES,
  NOTIFICATION_ENTITIES,
  NEWSLETTER_ENTITIES,
)

export type EntityName = keyof typeof ENTITY_SCHEMAS
/** A row of an entity as devices hold it. */
export type DeviceRow<E extends EntityName> = z.infer<(typeof ENTITY_SCHEMAS)[E]>

/** Whether a string names a synced entity. */
export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITY_SCHEMAS, name)
}
