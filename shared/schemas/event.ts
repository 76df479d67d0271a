import { z } from 'zod'
import {
  IdSchema,
  InstantSchema,
  LocaleSchema,
  NameSchema,
  TextSchema,
  NewIdSchema,
  lineSchema,
  textSchema,
} from './common.ts'

/** A question's id within its event, made from its label. */
const QuestionIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/)

export const EventTypeSchema = z.enum(['fagdag', 'social', 'seminar', 'conference', 'lecture', 'reunion'])
export type EventType = z.infer<typeof EventTypeSchema>

/** Who may register: members of the network; members and current students; anyone signed in (guests). */
export const EventAudienceSchema = z.enum(['members', 'membersAndStudents', 'open'])

/** A question asked at registration (dietary needs and the like). */
export const RegistrationQuestionSchema = z.object({
  id: QuestionIdSchema,
  label: lineSchema(200).min(1),
  isRequired: z.boolean(),
})
export type RegistrationQuestion = z.infer<typeof RegistrationQuestionSchema>

/** One item of a fagdag's or a conference's programme: a talk, a panel, the lunch. */
export const ProgrammeItemSchema = z.object({
  /** The local time it starts on the event's day, as shown ("09:30"). */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
  title: lineSchema(200).min(1),
  /** Who speaks, and from where ("Kari Nordmann, NRK"); empty for a break. */
  speaker: lineSchema(200),
})
export type ProgrammeItem = z.infer<typeof ProgrammeItemSchema>

const EventFieldsSchema = z.object({
  id: IdSchema,
  networkId: IdSchema,
  type: EventTypeSchema,
  title: NameSchema,
  description: TextSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  place: lineSchema(300),
  city: lineSchema(100),
  capacity: z.int32().min(1).nullable(),
  status: z.enum(['draft', 'published', 'cancelled']),
  audience: EventAudienceSchema.default('members'),
  /** When registration opens and closes (null: from publication; until the event starts). */
  registrationOpensAt: InstantSchema.nullable().default(null),
  registrationClosesAt: InstantSchema.nullable().default(null),
  /** What it costs, as text ("Gratis", "200 kr for mat"): the app takes no payments. */
  priceText: lineSchema(200).default(''),
  questions: z.array(RegistrationQuestionSchema).max(10).default([]),
  /** The programme of talks and speakers, in order (a fagdag's, a conference's). */
  programme: z.array(ProgrammeItemSchema).max(40).default([]),
  /** The language staff wrote it in, declared on the page (`lang`) for screen readers and hyphenation. */
  language: LocaleSchema.default('nb'),
  /** Places taken and people waiting, kept by the server as people register and cancel. */
  registeredCount: z.int32().min(0).default(0),
  waitlistCount: z.int32().min(0).default(0),
})

/** An arrangement of a network. Drafts are seen by its staff only; published and cancelled ones by everyone. */
export const EventSchema = EventFieldsSchema.refine((e) => e.endsAt >= e.startsAt, {
  path: ['endsAt'],
  message: 'ends before it starts',
})
export type Event = z.infer<typeof EventSchema>

/**
 * An event as staff save it: everything but the counts, which the server
 * keeps. Saved as a draft (seen by the network's staff only) or published.
 */
export const EventInputSchema = EventFieldsSchema.omit({ registeredCount: true, waitlistCount: true })
  .extend({ id: NewIdSchema, status: z.enum(['draft', 'published']) })
  .refine((e) => e.endsAt >= e.startsAt, { path: ['endsAt'], message: 'ends before it starts' })
  .refine((e) => !e.registrationOpensAt || !e.registrationClosesAt || e.registrationOpensAt <= e.registrationClosesAt, {
    path: ['registrationClosesAt'],
    message: 'closes before it opens',
  })
export type EventInput = z.infer<typeof EventInputSchema>

/** A person's registration for an event, as they see it (their own scope). */
export const RegistrationSchema = z.object({
  id: IdSchema,
  eventId: IdSchema,
  personId: IdSchema,
  status: z.enum(['registered', 'waitlisted', 'cancelled']),
  /** When the person last registered: the waitlist's order. */
  createdAt: InstantSchema,
  /** Answers to the event's questions, by question id. */
  answers: z.record(QuestionIdSchema, textSchema(500)).default({}),
  /** Set when the person was moved up from the waitlist. */
  promotedAt: InstantSchema.nullable().default(null),
  /** The signed ticket the QR code shows, while registered (null on the waitlist or cancelled). */
  ticket: z.string().max(1000).nullable().default(null),
  /** When the person was let in (their first admission), so their phone can say so. */
  checkedInAt: InstantSchema.nullable().default(null),
  /** When they rated the event afterwards (the rating itself goes to the organisers without their name). */
  feedbackAt: InstantSchema.nullable().default(null),
})

/**
 * What a ticket's QR code says, signed by the server with Ed25519: which
 * registration and event, its serial (a newer one revokes it), when it is
 * valid. No personal data: a lost ticket tells nobody who it was for.
 */
export const TicketPayloadSchema = z.object({
  typ: z.literal('ticket'),
  kid: z.string(),
  /** The ticket's own random id (not the person's, not the registration's). */
  tid: z.uuid(),
  eid: IdSchema,
  ser: z.int32().min(0),
  nbf: InstantSchema,
  exp: InstantSchema,
})
export type TicketPayload = z.infer<typeof TicketPayloadSchema>
export type Registration = z.infer<typeof RegistrationSchema>

/** The address of a person's calendar feed, to subscribe to in Google, Apple or Outlook calendars. */
export const CalendarFeedSchema = z.object({ url: z.url(), webcalUrl: z.string().startsWith('webcal:') })
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>

/** The event entities devices hold, by entity name, with the schema of a row as sent. */
export const EVENT_ENTITIES = {
  event: EventSchema,
  registration: RegistrationSchema,
} as const

/** The changes a device can queue about event rows, by name, with the schema of their arguments. */
export const EVENT_MUTATIONS = {
  'event.save': z.object({ event: EventInputSchema }),
  'event.cancel': z.object({ eventId: IdSchema }),
  'registration.register': z.object({ eventId: IdSchema, answers: RegistrationSchema.shape.answers }),
  'registration.cancel': z.object({ eventId: IdSchema }),
} as const
