import { z } from 'zod'
import { IdSchema, InstantSchema, NameSchema, TextSchema } from './common.ts'

export const EventTypeSchema = z.enum(['fagdag', 'social', 'seminar', 'conference', 'lecture', 'reunion'])
export type EventType = z.infer<typeof EventTypeSchema>

/** An arrangement of a network. Only published events are public. */
export const EventSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  type: EventTypeSchema,
  title: NameSchema,
  description: TextSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  place: z.string().trim().max(300),
  city: z.string().trim().max(100),
  capacity: z.int().min(1).nullable(),
  status: z.enum(['draft', 'published', 'cancelled']),
}).refine((e) => e.endsAt >= e.startsAt, { path: ['endsAt'], message: 'ends before it starts' })
export type Event = z.infer<typeof EventSchema>

export const RegistrationSchema = z.object({
  id: IdSchema,
  eventId: IdSchema,
  personId: IdSchema,
  status: z.enum(['registered', 'waitlisted', 'cancelled']),
  createdAt: InstantSchema,
})
export type Registration = z.infer<typeof RegistrationSchema>

/** One scan at the door. Scans are appended; the server classifies duplicates. */
export const CheckInSchema = z.object({
  id: IdSchema,
  eventId: IdSchema,
  registrationId: IdSchema,
  deviceId: z.string().max(64),
  operatorId: IdSchema.nullable(),
  scannedAt: InstantSchema,
  verdict: z.enum(['admitted', 'duplicate']),
})
export type CheckIn = z.infer<typeof CheckInSchema>
