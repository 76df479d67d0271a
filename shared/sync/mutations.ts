import { z } from 'zod'
import { IdSchema, InstantSchema } from '../schemas/common.ts'
import { BoardSeatInputSchema, NetworkPatchSchema, NewGroupSchema, NewNetworkSchema } from '../schemas/network.ts'
import { PhotoSchema, ProfilePatchSchema, VisibilitySchema } from '../schemas/person.ts'
import { NewEducationSchema } from '../schemas/education.ts'
import { EventInputSchema, RegistrationSchema } from '../schemas/event.ts'
import { NotificationSettingsSchema } from '../schemas/push.ts'
import { NewsletterInputSchema } from '../schemas/newsletter.ts'
import { FeedbackSchema, ScanInputSchema, SelfCheckInInputSchema, WalkInInputSchema } from '../schemas/checkIn.ts'

/**
 * Every change a device can queue, by name, with the schema of its arguments.
 * The server validates with these; the client's optimistic mutators take the
 * same inferred types.
 */
export const MUTATIONS = {
  'network.create': z.object({ network: NewNetworkSchema }),
  'network.update': z.object({ networkId: IdSchema, patch: NetworkPatchSchema }),
  'boardSeat.save': z.object({ seat: BoardSeatInputSchema }),
  'boardSeat.remove': z.object({ seatId: IdSchema }),
  'group.create': z.object({ group: NewGroupSchema }),
  'group.flagDormant': z.object({ groupId: IdSchema }),
  'group.setStatus': z.object({ groupId: IdSchema, status: z.enum(['active', 'dormant']) }),
  'profile.update': z.object({ patch: ProfilePatchSchema }),
  'profile.setVisibility': z.object({ visibility: VisibilitySchema }),
  'profile.setPhoto': z.object({ jpegBase64: PhotoSchema.nullable() }),
  'education.add': z.object({ education: NewEducationSchema }),
  'education.remove': z.object({ educationId: IdSchema }),
  'event.save': z.object({ event: EventInputSchema }),
  'event.cancel': z.object({ eventId: IdSchema }),
  'registration.register': z.object({ eventId: IdSchema, answers: RegistrationSchema.shape.answers }),
  'registration.cancel': z.object({ eventId: IdSchema }),
  'checkIn.record': z.object({ scan: ScanInputSchema }),
  'checkIn.walkIn': z.object({ walkIn: WalkInInputSchema }),
  'checkIn.self': z.object({ checkIn: SelfCheckInInputSchema }),
  'walkIn.decide': z.object({ walkInId: z.uuid(), isMine: z.boolean() }),
  'feedback.give': FeedbackSchema.pick({ eventId: true, rating: true, comment: true }),
  'newsletter.save': z.object({ newsletter: NewsletterInputSchema }),
  'newsletter.schedule': z.object({ newsletterId: IdSchema, at: InstantSchema.nullable() }),
  'newsletter.unschedule': z.object({ newsletterId: IdSchema }),
  'newsletter.open': z.object({ newsletterId: IdSchema }),
  'notifications.update': z.object({
    settings: NotificationSettingsSchema.pick({ networks: true, quietHours: true, newsletterEmailOff: true }),
  }),
  'group.follow': z.object({ groupId: IdSchema, isOn: z.boolean() }),
  'newsletter.subscribe': z.object({ networkId: IdSchema, isOn: z.boolean() }),
  'membership.join': z.object({ networkId: IdSchema }),
  'membership.leave': z.object({ networkId: IdSchema }),
  'membership.decide': z.object({ membershipId: IdSchema, approve: z.boolean() }),
  'membership.setRole': z.object({
    networkId: IdSchema,
    personId: IdSchema,
    role: z.enum(['member', 'board', 'admin']),
  }),
  'membership.remove': z.object({ networkId: IdSchema, personId: IdSchema }),
  'membership.consent': z.object({ networkId: IdSchema }),
} as const

export type MutationName = keyof typeof MUTATIONS
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATIONS)[N]>

/** Whether a string names a known mutation. */
export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATIONS, name)
}
