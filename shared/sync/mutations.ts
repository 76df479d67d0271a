import type { z } from 'zod'
import { mergeDisjoint } from '../mergeDisjoint.ts'
import { NETWORK_MUTATIONS } from '../schemas/network.ts'
import { PERSON_MUTATIONS } from '../schemas/person.ts'
import { EDUCATION_MUTATIONS } from '../schemas/education.ts'
import { EVENT_MUTATIONS } from '../schemas/event.ts'
import { CHECK_IN_MUTATIONS } from '../schemas/checkIn.ts'
import { NOTIFICATION_MUTATIONS } from '../schemas/push.ts'
import { NEWSLETTER_MUTATIONS } from '../schemas/newsletter.ts'
import { ACCESSIBILITY_MUTATIONS } from '../schemas/accessibility.ts'

/**
 * Every change a device can queue, by name, with the schema of its arguments:
 * each schema module registers its own. The server validates with these; the
 * client's optimistic mutators take the same inferred types.
 */
export const MUTATIONS = mergeDisjoint(
  NETWORK_MUTATIONS,
  PERSON_MUTATIONS,
  EDUCATION_MUTATIONS,
  EVENT_MUTATIONS,
  CHECK_IN_MUTATIONS,
  NOTIFICATION_MUTATIONS,
  NEWSLETTER_MUTATIONS,
  ACCESSIBILITY_MUTATIONS,
)

export type MutationName = keyof typeof MUTATIONS
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATIONS)[N]>

/** Whether a string names a known mutation. */
export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATIONS, name)
}
