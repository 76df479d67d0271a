import { mergeDisjoint } from '../../shared/mergeDisjoint.ts'
import type { MutatorTable } from './localRows.ts'
import { NETWORK_MUTATORS } from '../features/networks/mutators.ts'
import { GROUP_MUTATORS } from '../features/groups/mutators.ts'
import { PROFILE_MUTATORS } from '../features/profile/mutators.ts'
import { EDUCATION_MUTATORS } from '../features/education/mutators.ts'
import { EVENT_MUTATORS } from '../features/events/mutators.ts'
import { CHECK_IN_MUTATORS } from '../features/checkIn/mutators.ts'
import { NEWSLETTER_MUTATORS } from '../features/newsletters/mutators.ts'
import { NOTIFICATION_MUTATORS } from '../features/notifications/mutators.ts'
import { MEMBERSHIP_MUTATORS } from '../features/membership/mutators.ts'
import { ACCESSIBILITY_MUTATORS } from '../features/accessibility/mutators.ts'

/**
 * The device's side of each mutation, as each feature registers it: what the
 * change looks like locally at once, before the server has seen it. The
 * server's answer (through the next pull) replaces it; a refusal puts the
 * rows back as they were. The compiler refuses a mutation without one.
 */
export const MUTATORS: MutatorTable = mergeDisjoint(
  NETWORK_MUTATORS,
  GROUP_MUTATORS,
  PROFILE_MUTATORS,
  EDUCATION_MUTATORS,
  EVENT_MUTATORS,
  CHECK_IN_MUTATORS,
  NEWSLETTER_MUTATORS,
  NOTIFICATION_MUTATORS,
  MEMBERSHIP_MUTATORS,
  ACCESSIBILITY_MUTATORS,
)
