import { z } from 'zod'
import { IdSchema, InstantSchema, NameSchema, EmailSchema, textSchema } from './common.ts'
import { RegistrationSchema } from './event.ts'

/**
 * A registration as the network's staff see it at the door: who, whether they
 * hold a place, which ticket and serial are valid now (an older serial is
 * revoked), and their answers. Synced to the network's staff scope, so the
 * scanner kit is on the phone before the doors open and leaves it when the
 * person stops running the network.
 */
export const AttendeeSchema = z.object({
  /** The registration's id. */
  id: IdSchema,
  eventId: IdSchema,
  networkId: IdSchema,
  personId: IdSchema,
  name: z.string().max(200),
  status: RegistrationSchema.shape.status,
  ticketId: z.uuid().nullable(),
  ticketSerial: z.int32().min(0),
  answers: RegistrationSchema.shape.answers,
  createdAt: InstantSchema,
})
export type Attendee = z.infer<typeof AttendeeSchema>

/** How someone got in: a ticket scanned, found by name, registered at the door, or scanned the venue code themself. */
export const CheckInMethodSchema = z.enum(['scan', 'search', 'walkIn', 'self'])
export type CheckInMethod = z.infer<typeof CheckInMethodSchema>

/**
 * One check-in as recorded. Scans are appended, never refused for being
 * second: the server classifies. The first admission of a registration by
 * corrected time wins (ties by scan id); later ones are duplicates; a scan of
 * a registration that had lost its place by upload time is invalid.
 */
export const CheckInSchema = z.object({
  /** The scan's id, made on the device: the idempotency key. */
  id: z.uuid(),
  eventId: IdSchema,
  networkId: IdSchema,
  registrationId: IdSchema,
  deviceId: z.string().max(64),
  operatorId: IdSchema.nullable(),
  /** The device's clock at the scan. */
  scannedAt: InstantSchema,
  /** The scan's time on the server's clock (the device's offset measured at upload). */
  correctedAt: InstantSchema,
  method: CheckInMethodSchema,
  verdict: z.enum(['admitted', 'duplicate', 'invalid']),
})
export type CheckIn = z.infer<typeof CheckInSchema>

/** A scan as a staff phone uploads it. */
export const ScanInputSchema = CheckInSchema.pick({
  id: true,
  eventId: true,
  registrationId: true,
  deviceId: true,
  scannedAt: true,
}).extend({ method: z.enum(['scan', 'search']) })
export type ScanInput = z.infer<typeof ScanInputSchema>

/** Someone who registers at the door and is let in at once. */
export const WalkInInputSchema = CheckInSchema.pick({
  id: true,
  eventId: true,
  deviceId: true,
  scannedAt: true,
}).extend({ name: NameSchema, email: EmailSchema })
export type WalkInInput = z.infer<typeof WalkInInputSchema>

/** A walk-in registered under the signed-in person's address, waiting for them to say whether it was them. */
export const PendingWalkInSchema = z.object({
  id: z.uuid(),
  /** The name staff typed at the door. */
  name: z.string(),
  createdAt: InstantSchema,
  eventId: IdSchema,
  eventTitle: z.string(),
  startsAt: InstantSchema,
  networkName: z.string(),
})
export type PendingWalkIn = z.infer<typeof PendingWalkInSchema>

/** An attendee checking themself in with the venue code shown at the door. */
export const SelfCheckInInputSchema = CheckInSchema.pick({ id: true, eventId: true, scannedAt: true }).extend({
  venueCode: z.string().min(10).max(1000),
})

/**
 * What the venue code at the door says, signed by the server: which event,
 * and the minute it is shown for (valid a little past it, for slow hands).
 */
export const VenuePayloadSchema = z.object({
  typ: z.literal('venue'),
  kid: z.string(),
  eid: IdSchema,
  nbf: InstantSchema,
  exp: InstantSchema,
})
export type VenuePayload = z.infer<typeof VenuePayloadSchema>

/** Venue codes for the coming minutes, so the door screen keeps rotating if the network drops. */
export const VenueCodesSchema = z.object({
  codes: z.array(z.object({ nbf: InstantSchema, exp: InstantSchema, url: z.url() })),
})
export type VenueCodes = z.infer<typeof VenueCodesSchema>

/** A rating and a comment from someone who came. */
export const FeedbackSchema = z.object({
  id: IdSchema,
  eventId: IdSchema,
  networkId: IdSchema,
  rating: z.int32().min(1).max(5),
  comment: textSchema(2000).trim(),
  createdAt: InstantSchema,
})
export type Feedback = z.infer<typeof FeedbackSchema>

/** The checkIn entities devices hold, by entity name, with the schema of a row as sent. */
export const CHECK_IN_ENTITIES = {
  attendee: AttendeeSchema,
  checkIn: CheckInSchema,
} as const

/** The changes a device can queue about checkIn rows, by name, with the schema of their arguments. */
export const CHECK_IN_MUTATIONS = {
  'checkIn.record': z.object({ scan: ScanInputSchema }),
  'checkIn.walkIn': z.object({ walkIn: WalkInInputSchema }),
  'checkIn.self': z.object({ checkIn: SelfCheckInInputSchema }),
  'walkIn.decide': z.object({ walkInId: z.uuid(), isMine: z.boolean() }),
  'feedback.give': FeedbackSchema.pick({ eventId: true, rating: true, comment: true }),
} as const
