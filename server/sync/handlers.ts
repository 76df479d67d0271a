import { mergeDisjoint } from '../../shared/mergeDisjoint.ts'
import type { HandlerTable } from './mutationContext.ts'
import { NETWORK_HANDLERS } from '../features/networks/handlers.ts'
import { GROUP_HANDLERS } from '../features/groups/handlers.ts'
import { PROFILE_HANDLERS } from '../features/profile/handlers.ts'
import { MEMBERSHIP_HANDLERS } from '../features/membership/handlers.ts'
import { EDUCATION_HANDLERS } from '../features/education/handlers.ts'
import { EVENT_HANDLERS } from '../features/events/handlers.ts'
import { CHECK_IN_HANDLERS } from '../features/checkIn/handlers.ts'
import { NOTIFICATION_HANDLERS } from '../features/notifications/handlers.ts'
import { NEWSLETTER_HANDLERS } from '../features/newsletters/handlers.ts'
import { ACCESSIBILITY_HANDLERS } from '../features/accessibility/handlers.ts'

export type { HandlerTable } from './mutationContext.ts'

/** The server's side of each mutation, as each feature registers it. The compiler refuses a mutation without one. */
export const MUTATION_HANDLERS: HandlerTable = mergeDisjoint(
  NETWORK_HANDLERS,
  GROUP_HANDLERS,
  PROFILE_HANDLERS,
  MEMBERSHIP_HANDLERS,
  EDUCATION_HANDLERS,
  EVENT_HANDLERS,
  CHECK_IN_HANDLERS,
  NOTIFICATION_HANDLERS,
  NEWSLETTER_HANDLERS,
  ACCESSIBILITY_HANDLERS,
)
