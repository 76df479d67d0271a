import { mergeDisjoint } from '../../../shared/mergeDisjoint.ts'
import type { PersonDataRule, PersonTable } from '../../db/personTables.ts'
import { NETWORK_PERSON_DATA } from '../networks/personData.ts'
import { GROUP_PERSON_DATA } from '../groups/personData.ts'
import { MEMBERSHIP_PERSON_DATA } from '../membership/personData.ts'
import { EDUCATION_PERSON_DATA } from '../education/personData.ts'
import { EVENT_PERSON_DATA } from '../events/personData.ts'
import { CHECK_IN_PERSON_DATA } from '../checkIn/personData.ts'
import { NOTIFICATION_PERSON_DATA } from '../notifications/personData.ts'
import { NEWSLETTER_PERSON_DATA } from '../newsletters/personData.ts'
import { SESSION_PERSON_DATA } from '../session/personData.ts'
import { SYNC_PERSON_DATA } from '../sync/personData.ts'
import { ACCESSIBILITY_PERSON_DATA } from '../accessibility/personData.ts'

/**
 * Every table with a person column, as each feature registers it, with its
 * place in the person's data export and erasure. The compiler refuses a new
 * such table until a feature lists it; a test walks the database's own
 * columns to find any the types missed.
 */
export const PERSON_DATA: { [T in PersonTable]: PersonDataRule<T> } = mergeDisjoint(
  NETWORK_PERSON_DATA,
  GROUP_PERSON_DATA,
  MEMBERSHIP_PERSON_DATA,
  EDUCATION_PERSON_DATA,
  EVENT_PERSON_DATA,
  CHECK_IN_PERSON_DATA,
  NOTIFICATION_PERSON_DATA,
  NEWSLETTER_PERSON_DATA,
  SESSION_PERSON_DATA,
  SYNC_PERSON_DATA,
  ACCESSIBILITY_PERSON_DATA,
)

export const PERSON_TABLES = Object.keys(PERSON_DATA) as PersonTable[]
